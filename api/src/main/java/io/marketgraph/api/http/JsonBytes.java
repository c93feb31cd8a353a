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
            ensure(12);
            len = NumberOutput.outputInt((int) v, buf, len);
            buf[len++] = '.';
            buf[len++] = '0';
            return this;
        }
        return Double.isFinite(v) ? ascii(NumberOutput.toString(v, true)) : string(Double.toString(v));
    }

    /** The shortest form that reads back as the float {@code v} (0.72345674, not its double's 0.7234567403793335). */
    JsonBytes number(float v) {
        return Float.isFinite(v) ? ascii(NumberOutput.toString(v, true)) : string(Float.toString(v));
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
