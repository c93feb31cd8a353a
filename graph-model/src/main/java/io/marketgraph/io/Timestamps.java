package io.marketgraph.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Event times: epoch milliseconds (an integer), or ISO-8601: {@code 2025-03-01T10:15:30Z}, with an
 * offset ({@code +01:00}), or without a zone (read as UTC), or a date alone (midnight UTC). A space
 * instead of the {@code T} is accepted (as Spark prints timestamps).
 */
public final class Timestamps {

    /** Returned for text that is no timestamp. */
    public static final long INVALID = Long.MIN_VALUE;

    private Timestamps() {}

    public static long parseMillis(String text) {
        if (text == null) {
            return INVALID;
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return INVALID;
        }
        if (isInteger(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return INVALID;
            }
        }
        String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
        try {
            if (iso.endsWith("Z") || iso.endsWith("z")) {
                return Instant.parse(iso.toUpperCase(java.util.Locale.ROOT)).toEpochMilli();
            }
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            int t = iso.indexOf('T');
            if (t > 0 && (iso.indexOf('+', t) > 0 || iso.indexOf('-', t) > 0)) {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    private static boolean isInteger(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
