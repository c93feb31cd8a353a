package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that JSON values are appended to, byte for byte as Jackson's UTF-8
 * generator writes them with {@link ApiApp#RESPONSES}' settings: strings escaped the way Jackson
 * escapes them, doubles and floats in their shortest form (Schubfach, Jackson's fast writer),
 * non-finite numbers as quoted strings. The common values take short cuts (a printable ASCII
 * string is copied, an integral double below 10^7 is written as its digits and ".0"); everything
 * else goes through Jackson's own generator or number writers. {@code JsonBytesTest} compares with Jackson. Not
 * thread-safe: one per thread, reused.
 */
final class JsonBytes {

    private static final byte[] NULL = bytes("null");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final double PLAIN_INTEGRAL_LIMIT = 1e7;
    private static final double[] DOUBLE_POWERS_OF_TEN = new double[13];
    private static final long[] LONG_POWERS_OF_TEN = new long[13];

    static {
        long p = 1;
        for (int i = 0; i < LONG_POWERS_OF_TEN.length; i++, p *= 10) {
            LONG_POWERS_OF_TEN[i] = p;
            DOUBLE_POWERS_OF_TEN[i] = p;
        }
    }

    private byte[] buf;
    private int len;

    JsonBytes(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    JsonBytes reset() {
        len = 0;
        return this;
    }

    int length() {
        return len;
    }

    /** Room for {@code n} more bytes. */
    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + n));
        }
    }

    /** Bytes that are already JSON (a field name with its quotes and colon, punctuation). */
    JsonBytes raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    JsonBytes raw(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    /** A quoted string, or null. */
    JsonBytes string(String s) {
        if (s == null) {
            return raw(NULL);
        }
        int n = s.length();
        ensure(n + 2);
        int at = len;
        buf[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                return escaped(s);
            }
            buf[at++] = (byte) c;
        }
        buf[at++] = '"';
        len = at;
        return this;
    }

    /** Strings with characters to escape or to encode: written by Jackson's generator itself (rare, so not fast). */
    private JsonBytes escaped(String s) {
        ByteArrayOutputStream quoted = new ByteArrayOutputStream(2 * s.length() + 16);
        try (JsonGenerator g = ApiApp.RESPONSES.getFactory().createGenerator(quoted)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write a JSON string", e);
        }
        return raw(quoted.toByteArray());
    }

    JsonBytes bool(boolean b) {
        return raw(b ? TRUE : FALSE);
    }

    JsonBytes nullValue() {
        return raw(NULL);
    }

    JsonBytes number(int v) {
        ensure(11);
        len = NumberOutput.outputInt(v, buf, len);
        return this;
    }

    /** The shortest form that reads back as {@code v} ({@code Double.toString}'s layout: 199.0, 0.25, 1.0E-5). */
    JsonBytes number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_INTEGRAL_LIMIT && (v != 0 || Double.doubleToRawLongBits(v) == 0)) {
            return integral(v);
        }
        return Double.isFinite(v) ? ascii(NumberOutput.toString(v, true)) : string(Double.toString(v));
    }

    /** An integral value below 10^7 in magnitude, not -0: its digits and ".0" (Schubfach's plain layout, double or float). */
    private JsonBytes integral(double v) {
        ensure(12);
        len = NumberOutput.outputInt((int) v, buf, len);
        buf[len++] = '.';
        buf[len++] = '0';
        return this;
    }

    /** The shortest form that reads back as the float {@code v} (0.72345674, not its double's 0.7234567403793335). */
    JsonBytes number(float v) {
        if (v >= 1e-3f && v < 1f && shortFloat(v)) {
            return this;
        }
        if (v == Math.rint(v) && Math.abs(v) < PLAIN_INTEGRAL_LIMIT && (v != 0 || Float.floatToRawIntBits(v) == 0)) {
            return integral(v);   // a saturated probability (1.0, 0.0): the same digits and ".0" as a double's
        }
        return Float.isFinite(v) ? ascii(NumberOutput.toString(v, true)) : string(Float.toString(v));
    }

    /**
     * A probability's shortest decimal without Jackson's allocations, where double arithmetic
     * decides it exactly: the decimals that read back as {@code v} are those strictly inside the
     * half-gaps to its neighbours ({@code lo}, {@code hi}: exact doubles); at 1, 2, ... 9 digits the
     * integers between {@code lo} and {@code hi} scaled by a power of ten are the candidates, and the
     * one nearest {@code v} wins (Schubfach's choice). Each scaled value is one rounded product
     * (relative error 2^-53), so whenever one is within 2^-50 of an integer (or the nearest is within
     * it of a tie) the answer could hinge on the rounding, and this gives up (false, nothing
     * written): Jackson's writer decides those, and shortest forms of one or two digits, whose
     * choice follows a special rule. {@code JsonBytesTest} compares with Jackson.
     */
    private boolean shortFloat(float v) {
        double x = v;
        int bits = Float.floatToRawIntBits(v);
        double half = Math.ulp(v) / 2.0;
        double lo = x - ((bits & 0x7FFFFF) == 0 ? half / 2 : half);   // a power of two: the gap below is half as wide
        double hi = x + half;
        int e10 = x >= 0.1 ? -1 : x >= 0.01 ? -2 : -3;
        for (int p = 1; p <= 9; p++) {
            double scale = DOUBLE_POWERS_OF_TEN[p - 1 - e10];
            double l = lo * scale;
            double h = hi * scale;
            if (nearInteger(l) || nearInteger(h)) {
                return false;
            }
            double first = Math.ceil(l);
            double last = Math.floor(h);
            if (first <= last) {
                double c = x * scale;
                if (p <= 2 || nearInteger(c - 0.5)) {
                    return false;
                }
                long digits = (long) Math.min(Math.max(Math.rint(c), first), last);
                if (digits < LONG_POWERS_OF_TEN[p - 1] || digits >= LONG_POWERS_OF_TEN[p]) {
                    return false;
                }
                while (digits % 10 == 0) {
                    digits /= 10;
                    p--;
                }
                ensure(2 + -e10 + p);
                buf[len++] = '0';
                buf[len++] = '.';
                for (int z = -1; z > e10; z--) {
                    buf[len++] = '0';
                }
                len = NumberOutput.outputLong(digits, buf, len);
                return true;
            }
        }
        return false;
    }

    private static boolean nearInteger(double x) {
        return Math.abs(x - Math.rint(x)) <= Math.abs(x) * 0x1p-50;
    }

    private JsonBytes ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len + i] = (byte) s.charAt(i);
        }
        len += n;
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
