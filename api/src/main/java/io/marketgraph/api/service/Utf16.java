package io.marketgraph.api.service;

/**
 * Valid UTF-16: every high surrogate followed by a low one, no low surrogate alone. JSON's
 * {@code "\\ud800"} escapes can put an unpaired surrogate into a string, which is no character: such
 * an id can match nothing, cannot be written as UTF-8, and is refused where it comes in.
 */
public final class Utf16 {

    private Utf16() {}

    /** The index of the first unpaired surrogate in {@code s}, or -1 when there is none. */
    public static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} with each unpaired surrogate replaced by U+FFFD, so that it can be written as UTF-8. */
    public static String sanitize(String s) {
        if (s == null || unpairedSurrogate(s) < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
