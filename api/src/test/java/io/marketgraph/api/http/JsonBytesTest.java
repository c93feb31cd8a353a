package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every value {@link JsonBytes} writes, against the bytes Jackson's generator writes with the responses' settings. */
class JsonBytesTest {

    private interface Write {
        void to(JsonGenerator g) throws IOException;
    }

    private static String jackson(Write w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = ApiApp.RESPONSES.getFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER, true);
            w.to(g);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String ours(JsonBytes json) {
        return new String(json.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void strings_are_escaped_and_encoded_as_jackson_does() throws IOException {
        List<String> strings = List.of("", "p123", "user 7/x~", "q \"x\" é\n\u0001\u001f\u007f", "back\\slash", "tab\there\r\b\f",
                "日本語", "emoji \uD83D\uDE00 pair", "\u2028\u2029", "<script>&amp;", "\u0000");
        for (String s : strings) {
            assertEquals(jackson(g -> g.writeString(s)), ours(new JsonBytes(4).string(s)), s);
        }
        assertEquals("null", ours(new JsonBytes(1).string(null)));
    }

    @Test
    void doubles_are_written_in_jacksons_shortest_form() throws IOException {
        double[] fixed = {0, -0.0, 1, -1, 199, 200, 12.5, -1e-7, 1e-5, 0.001, 1e23, 1e300, 9_999_999, 10_000_000, -9_999_999,
            1e7 + 0.5, 0.1, 1.0 / 3, 4.9e-324, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            0.5000000000000001, 123456.789, (double) 0.72345674f, -2_147_483_648.0};
        for (double d : fixed) {
            assertEquals(jackson(g -> g.writeNumber(d)), ours(new JsonBytes(2).number(d)), Double.toString(d));
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble();
                case 2 -> random.nextInt(-20_000_000, 20_000_000);
                default -> random.nextInt(-1000, 1000) / 8.0;
            };
            assertEquals(jackson(g -> g.writeNumber(d)), ours(new JsonBytes(2).number(d)), Double.toString(d));
        }
    }

    @Test
    void floats_ints_and_literals_are_jacksons() throws IOException {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 20_000; i++) {
            float f = i % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) random.nextDouble();
            assertEquals(jackson(g -> g.writeNumber(f)), ours(new JsonBytes(2).number(f)), Float.toString(f));
            int n = random.nextInt();
            assertEquals(jackson(g -> g.writeNumber(n)), ours(new JsonBytes(2).number(n)));
        }
        for (float f : new float[] {0f, -0f, 1f, 0.1f, 1e-5f, 1e7f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE}) {
            assertEquals(jackson(g -> g.writeNumber(f)), ours(new JsonBytes(2).number(f)), Float.toString(f));
        }
        // integral floats (a saturated probability is 1.0): every one up to 2^16, then a stride, the limit and beyond
        for (int i = -70_000; i <= 10_000_100; i = Math.abs(i) < 70_000 ? i + 1 : i + 997) {
            float f = i;
            assertEquals(jackson(g -> g.writeNumber(f)), ours(new JsonBytes(2).number(f)), Float.toString(f));
        }
        for (float f : new float[] {9_999_999f, 10_000_000f, -9_999_999f, -10_000_000f, 16_777_216f, 1e10f, -0f}) {
            assertEquals(jackson(g -> g.writeNumber(f)), ours(new JsonBytes(2).number(f)), Float.toString(f));
        }
        assertEquals("0.0", ours(new JsonBytes(2).number(0f)));
        assertEquals("-0.0", ours(new JsonBytes(2).number(-0f)));
        assertEquals("-3.0", ours(new JsonBytes(2).number(-3f)));
        assertEquals("9999999.0", ours(new JsonBytes(2).number(9_999_999f)));
        assertEquals("1.0E7", ours(new JsonBytes(2).number(10_000_000f)));
        assertEquals(jackson(g -> g.writeNumber(Integer.MIN_VALUE)), ours(new JsonBytes(2).number(Integer.MIN_VALUE)));
        assertEquals("0.72345674", ours(new JsonBytes(2).number(0.72345674f)));
        assertEquals("0.1", ours(new JsonBytes(2).number(0.1f)));
        assertEquals("0.001", ours(new JsonBytes(2).number(0.001f)));
        assertEquals("1.0", ours(new JsonBytes(2).number(1f)));
        assertEquals("9.0E-4", ours(new JsonBytes(2).number(9e-4f)));
    }

    /**
     * Probabilities, the learned scores' range, where the writer has its own shortest-form path: every
     * 61st float from 0.0009 to 1.0001 against Jackson's (all 85 million of them matched when it was written).
     */
    @Test
    void probabilities_are_written_as_jackson_writes_them() {
        JsonBytes json = new JsonBytes(32);
        for (int bits = Float.floatToRawIntBits(9e-4f); bits <= Float.floatToRawIntBits(1.0001f); bits += 61) {
            float f = Float.intBitsToFloat(bits);
            assertEquals(com.fasterxml.jackson.core.io.NumberOutput.toString(f, true), ours(json.reset().number(f)));
        }
        assertEquals("true,false,null", ours(new JsonBytes(2).bool(true).raw(',').bool(false).raw(',').nullValue()));
        assertEquals("[\"a\",1]", ours(new JsonBytes(1).raw('[').string("a").raw(JsonBytes.bytes(",1]"))));
    }
}
