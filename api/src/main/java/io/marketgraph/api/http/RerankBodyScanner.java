package io.marketgraph.api.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The re-rank body as search services send it, read straight off the bytes in one pass: ASCII
 * strings without escapes, plain numbers, JSON whitespace. Anything else (an escape or a non-ASCII
 * byte in a string, a number with an exponent or more than 15 digits, a field it does not expect, malformed
 * JSON) makes it give up and return null, and {@link RerankJson} reads the body with Jackson
 * instead; so what it accepts, it reads to exactly what Jackson reads (numbers included: at most
 * 15 digits and no exponent, so the digits are an exact double and one division by an exact power
 * of ten is correctly rounded, as Jackson's parser rounds).
 *
 * <p>A candidate written the way search services and {@code JSON.stringify} write it,
 * {@code {"postId":"p1","baseScore":199}} (no whitespace, that order), is matched against that
 * template eight bytes at a time; any other candidate is read field by field.
 */
final class RerankBodyScanner {

    private static final int MAX_EXACT_DIGITS = 15;
    private static final double[] POWERS_OF_TEN = new double[23];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** {@code "postId":"} (10 bytes) as two overlapping little-endian longs, at offsets 0 and 2. */
    private static final long POST_ID_0 = word("\"postId\":\"", 0);
    private static final long POST_ID_2 = word("\"postId\":\"", 2);
    /** {@code ,"baseScore":} (13 bytes) as two overlapping longs, at offsets 0 and 5. */
    private static final long BASE_SCORE_0 = word(",\"baseScore\":", 0);
    private static final long BASE_SCORE_5 = word(",\"baseScore\":", 5);

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final byte[] b;
    private int at;

    private static long word(String ascii, int from) {
        return (long) LONGS.get(ascii.getBytes(StandardCharsets.US_ASCII), from);
    }

    private RerankBodyScanner(byte[] body) {
        this.b = body;
    }

    /** The request, or null where Jackson has to read it. */
    static RerankJson.Request scan(byte[] body) {
        try {
            return new RerankBodyScanner(body).request();
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;   // the body ended early (the reads do not check the end): malformed, Jackson says where
        }
    }

    private RerankJson.Request request() {
        if (next() != '{') {
            return null;
        }
        String userId = null;
        boolean query = false;
        RerankJson.Candidates candidates = null;
        for (int c = next(); ; c = next()) {
            if (c != '"') {
                return null;
            }
            int name = at;
            if (!skipString()) {
                return null;
            }
            int nameEnd = at;
            if (next() != ':') {
                return null;
            }
            if (is(name, nameEnd, "userId\"") && userId == null) {
                userId = string();
                if (userId == null) {
                    return null;
                }
            } else if (is(name, nameEnd, "query\"") && !query) {
                query = true;
                int v = next();
                if (!(v == '"' && skipString() || v == 'n' && b[at++] == 'u' && b[at++] == 'l' && b[at++] == 'l')) {
                    return null;
                }
            } else if (is(name, nameEnd, "candidates\"") && candidates == null) {
                if (next() != '[') {
                    return null;
                }
                candidates = new RerankJson.Candidates();
                for (int d = next(); d != ']'; ) {
                    if (d != '{' || !candidate(candidates, candidates.add())) {
                        return null;
                    }
                    d = next();
                    if (d == ',') {
                        d = next();
                        if (d != '{') {
                            return null;
                        }
                    } else if (d != ']') {
                        return null;
                    }
                }
            } else {
                return null;
            }
            c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return null;
            }
        }
        while (at < b.length && isWhitespace(b[at])) {
            at++;
        }
        if (at != b.length || userId == null || candidates == null) {
            return null;
        }
        return candidates.request(userId);
    }

    /** {@code "postId": "...", "baseScore": number} in either order, nothing else; after its '{'. */
    private boolean candidate(RerankJson.Candidates c, int i) {
        int start = at;
        if (plainCandidate(c, i)) {
            return true;
        }
        at = start;   // not the template: field by field, which gives the same answer for what the template reads
        boolean score = false;
        for (int field = 0; field < 2; field++) {
            if (next() != '"') {
                return false;
            }
            int name = at;
            if (!skipString()) {
                return false;
            }
            int nameEnd = at;
            if (next() != ':') {
                return false;
            }
            if (is(name, nameEnd, "postId\"") && c.ids[i] == null) {
                c.ids[i] = string();
                if (c.ids[i] == null) {
                    return false;
                }
            } else if (is(name, nameEnd, "baseScore\"") && !score) {
                next();
                at--;
                double v = number();
                if (Double.isNaN(v)) {
                    return false;
                }
                c.scores[i] = v;
                score = true;
            } else {
                return false;
            }
            if (next() != (field == 0 ? ',' : '}')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code "postId":"ID","baseScore":NUMBER}} after the '{', exactly so (ID a plain string, NUMBER
     * one the field-by-field path reads too): true with the candidate stored and {@link #at} after
     * its '}'; false for anything else, with nothing stored (the position left anywhere).
     */
    private boolean plainCandidate(RerankJson.Candidates c, int i) {
        byte[] b = this.b;
        int p = at;
        if (p + 10 > b.length || (long) LONGS.get(b, p) != POST_ID_0 || (long) LONGS.get(b, p + 2) != POST_ID_2) {
            return false;
        }
        p += 10;
        int idStart = p;
        for (byte x = b[p]; x != '"'; x = b[++p]) {
            if (x < 0x20 || x == '\\') {   // non-ASCII bytes are negative
                return false;
            }
        }
        int idEnd = p++;
        if (p + 13 > b.length || (long) LONGS.get(b, p) != BASE_SCORE_0 || (long) LONGS.get(b, p + 5) != BASE_SCORE_5) {
            return false;
        }
        at = p + 13;
        double v = number();
        if (Double.isNaN(v) || b[at] != '}') {
            return false;
        }
        at++;
        c.ids[i] = new String(b, idStart, idEnd - idStart, StandardCharsets.ISO_8859_1);
        c.scores[i] = v;
        return true;
    }

    /** The next byte that is not JSON whitespace, consumed. (The hot loops work on locals: the JIT keeps them in registers.) */
    private int next() {
        byte[] b = this.b;
        int i = at;
        byte c = b[i++];
        while (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            c = b[i++];
        }
        at = i;
        return c;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Skips a plain string's content and its closing quote (after its opening quote); false on an escape, control or non-ASCII byte. */
    private boolean skipString() {
        byte[] b = this.b;
        int i = at;
        for (byte c = b[i++]; c != '"'; c = b[i++]) {
            if (c < 0x20 || c == '\\') {   // non-ASCII bytes are negative
                return false;
            }
        }
        at = i;
        return true;
    }

    /** The next value as a plain string, or null (not a string, or not a plain one). */
    private String string() {
        if (next() != '"') {
            return null;
        }
        int start = at;
        return skipString() ? new String(b, start, at - 1 - start, StandardCharsets.ISO_8859_1) : null;
    }

    /** Whether the bytes from {@code start} to {@code end} are {@code ascii} (a field name and its closing quote). */
    private boolean is(int start, int end, String ascii) {
        if (end - start != ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[start + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A JSON number read exactly, or NaN where Jackson has to read it (or reject it). */
    private double number() {
        byte[] b = this.b;
        int i = at;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int intStart = i;
        while (b[i] >= '0' && b[i] <= '9') {
            mantissa = 10 * mantissa + (b[i++] - '0');
        }
        int digits = i - intStart;
        if (digits == 0 || digits > 1 && b[intStart] == '0') {
            return Double.NaN;
        }
        int exponent = 0;
        if (b[i] == '.') {
            int fracStart = ++i;
            while (b[i] >= '0' && b[i] <= '9') {
                mantissa = 10 * mantissa + (b[i++] - '0');
            }
            if (i == fracStart) {
                return Double.NaN;
            }
            exponent = fracStart - i;
            digits -= exponent;
        }
        at = i;
        if (b[i] == 'e' || b[i] == 'E' || digits > MAX_EXACT_DIGITS || negative && mantissa == 0
                || -exponent >= POWERS_OF_TEN.length) {
            return Double.NaN;   // an exponent, beyond the exact range, or a negative zero: Jackson decides
        }
        double v = mantissa / POWERS_OF_TEN[-exponent];
        return negative ? -v : v;
    }
}
