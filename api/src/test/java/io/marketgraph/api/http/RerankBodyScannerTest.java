package io.marketgraph.api.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte scanner reads what Jackson's streaming parser reads, to the bit, or gives up (null). */
class RerankBodyScannerTest {

    private static final String[] WS = {"", "", "", " ", "\n  ", "\t", "\r\n"};

    private static RerankJson.Request scan(String body) {
        return RerankBodyScanner.scan(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_common_body_exactly() {
        RerankJson.Request r = scan(" {\"userId\": \"u7\", \"query\": null, \"candidates\": [{\"postId\": \"p1\", \"baseScore\": 199},"
                + "{\"baseScore\":-0.125,\"postId\":\"unseen-3\"},{\"postId\":\"p2\",\"baseScore\":12.3456789012345}]}\n");
        assertNotNull(r);
        assertEquals("u7", r.userId());
        assertArrayEquals(new String[] {"p1", "unseen-3", "p2"}, r.postIds());
        assertArrayEquals(new double[] {199, -0.125, 12.3456789012345}, r.baseScores());
        assertEquals(0, scan("{\"candidates\":[ ],\"userId\":\"u\",\"query\":\"bike \"}").postIds().length);
    }

    /** Candidates in the compact template take the eight-bytes-at-a-time path; near misses the field-by-field one. */
    @Test
    void compact_candidates_and_near_misses() {
        RerankJson.Request r = scan("{\"userId\":\"u1\",\"query\":\"q\",\"candidates\":[{\"postId\":\"p10001\",\"baseScore\":200},"
                + "{\"postId\":\"\",\"baseScore\":-3.25},{\"postId\":\"unseen-7\",\"baseScore\":0.1 },"
                + "{\"postId\": \"p2\",\"baseScore\":4},{\"postId\":\"p3\" ,\"baseScore\":5},{ \"postId\":\"p4\",\"baseScore\":6},"
                + "{\"postId\":\"p5\",\"baseScore\" :7},{\"postId\":\"p6\",\"baseScore\":123456789.012345}]}");
        assertNotNull(r);
        assertArrayEquals(new String[] {"p10001", "", "unseen-7", "p2", "p3", "p4", "p5", "p6"}, r.postIds());
        assertArrayEquals(new double[] {200, -3.25, 0.1, 4, 5, 6, 7, 123456789.012345}, r.baseScores());
        String[] rejected = {
            "{\"postId\":\"p\\u0041\",\"baseScore\":1}",   // escape in the id
            "{\"postId\":\"p\u00e9\",\"baseScore\":1}",     // non-ASCII id
            "{\"postId\":\"p\",\"baseScore\":1e3}",
            "{\"postId\":\"p\",\"baseScore\":-0}",
            "{\"postId\":\"p\",\"baseScore\":1234567890123456}",
            "{\"postId\":\"p\",\"baseScore\":1,\"postId\":\"q\"}",
            "{\"postId\":\"p\",\"baseScore\":\"1\"}",
            "{\"postId\":\"p\",\"baseScore\":",
            "{\"postId\":\"p\",\"baseScor",
            "{\"postId\":\"p",
            "{\"postId\":\"",
            "{\"postI",
        };
        for (String candidate : rejected) {
            String body = "{\"userId\":\"u\",\"candidates\":[" + candidate + (candidate.endsWith("}") ? "]}" : "");
            assertNull(scan(body), body);
        }
    }

    @Test
    void gives_up_on_what_jackson_has_to_read_or_reject() {
        String[] bodies = {
            "{\"userId\":\"u\\\"1\",\"candidates\":[]}",                                 // escape
            "{\"userId\":\"é\",\"candidates\":[]}",                                      // non-ASCII
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":1e3}]}",  // exponent
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":1234567890123456}]}",  // 16 digits
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":-0}]}",   // negative zero
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":01}]}",   // leading zero
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":1.}]}",
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":\"1\"}]}",
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":8,\"baseScore\":1}]}",
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":1,\"x\":1}]}",
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\"}]}",
            "{\"userId\":\"u\",\"candidates\":[{\"postId\":\"p\",\"baseScore\":1},]}",
            "{\"userId\":\"u\",\"candidates\":[null]}",
            "{\"userId\":\"u\",\"userId\":\"v\",\"candidates\":[]}",
            "{\"userId\":\"u\",\"candidates\":[]} {}",
            "{\"userId\":\"u\",\"candidates\":[{",
            "{\"candidates\":[]}",
            "{\"userId\":\"u\",\"query\":nul,\"candidates\":[]}",
            "{\"userId\":\"u\",\"candidates\":[],}",
            "{}", "[]", "null", "\uFEFF{\"userId\":\"u\",\"candidates\":[]}",
        };
        for (String body : bodies) {
            assertNull(scan(body), body);
        }
    }

    /** Random bodies, and random one-byte damage to them: whenever the scanner reads one, Jackson reads the same. */
    @Test
    void agrees_with_jacksons_streaming_parser() {
        SplittableRandom random = new SplittableRandom(11);
        int scanned = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder body = new StringBuilder(ws(random)).append('{').append(ws(random));
            body.append("\"candidates\"").append(ws(random)).append(':').append(ws(random)).append('[');
            int n = random.nextInt(4);
            boolean exact = true;
            for (int i = 0; i < n; i++) {
                String id = "\"p" + random.nextInt(1000) + "\"";
                String score = number(random);
                exact &= score.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?") && score.replaceAll("[^0-9]", "").length() <= 15
                        && !score.matches("-0(\\.0*)?");
                body.append(i == 0 ? "" : ",").append(ws(random)).append('{').append(ws(random));
                if (random.nextBoolean()) {
                    body.append("\"postId\":").append(ws(random)).append(id).append(ws(random)).append(",\"baseScore\":").append(score);
                } else {
                    body.append("\"baseScore\":").append(score).append(ws(random)).append(",\"postId\":").append(ws(random)).append(id);
                }
                body.append(ws(random)).append('}');
            }
            body.append(ws(random)).append("],").append(ws(random)).append("\"userId\":\"u").append(round).append('"');
            if (random.nextBoolean()) {
                body.append(",\"query\":").append(random.nextBoolean() ? "null" : "\"red bike\"");
            }
            body.append(ws(random)).append('}').append(ws(random));
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            if (round % 2 == 1) {
                bytes = damage(bytes, random);
            }
            RerankJson.Request fast = RerankBodyScanner.scan(bytes);
            if (fast != null) {
                scanned++;
                RerankJson.Request jackson = RerankJson.parseStreaming(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
                assertNotNull(jackson, text);
                assertEquals(jackson.userId(), fast.userId(), text);
                assertArrayEquals(jackson.postIds(), fast.postIds(), text);
                for (int i = 0; i < fast.baseScores().length; i++) {
                    assertEquals(Double.doubleToRawLongBits(jackson.baseScores()[i]), Double.doubleToRawLongBits(fast.baseScores()[i]),
                            text);
                }
            } else {
                assertEquals(false, round % 2 == 0 && exact, "an undamaged body with exact numbers is scanned: " + body);
            }
        }
        assertEquals(true, scanned > 1000, "scanned " + scanned);
    }

    private static String ws(SplittableRandom random) {
        return WS[random.nextInt(WS.length)];
    }

    private static String number(SplittableRandom random) {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toString(random.nextInt(-1000, 1000));
            case 1 -> Long.toString(random.nextLong(-999_999_999_999_999L, 999_999_999_999_999L));
            case 2 -> Double.toString(random.nextDouble() * 100);
            case 3 -> String.format(java.util.Locale.ROOT, "%." + random.nextInt(1, 15) + "f", random.nextDouble() - 0.5);
            case 4 -> random.nextInt(-5, 5) + "." + "0".repeat(random.nextInt(10)) + random.nextInt(1, 99999);
            default -> random.nextInt(1, 1000) + "e" + random.nextInt(-5, 5);
        };
    }

    private static byte[] damage(byte[] bytes, SplittableRandom random) {
        int at = random.nextInt(bytes.length);
        byte[] pick = "{}[],:\"0-.e n\\".getBytes(StandardCharsets.US_ASCII);
        byte[] out;
        switch (random.nextInt(3)) {
            case 0 -> {
                out = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
            }
            case 1 -> {
                out = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, out, 0, at);
                out[at] = pick[random.nextInt(pick.length)];
                System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
            }
            default -> {
                out = bytes.clone();
                out[at] = pick[random.nextInt(pick.length)];
            }
        }
        return out;
    }
}
