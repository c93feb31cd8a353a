package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.marketgraph.api.service.ApiException;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads request bodies: the raw bytes (a body that ends before its Content-Length or has broken
 * chunked framing is a 400, one that stops arriving a 408, both logged at WARN without a stack
 * trace), the media type ({@code application/json}, UTF-8 if a charset is named, else 415), and
 * the JSON with {@link StrictJson}'s rules and messages.
 */
final class RequestBodies {

    private static final Logger LOG = LoggerFactory.getLogger(RequestBodies.class);

    private RequestBodies() {}

    /**
     * The raw body. With a Content-Length (already checked against the size limit before the
     * handler), read straight into an array of that size; Javalin's {@code bodyAsBytes} grows a
     * buffer from 32 bytes and copies it at every doubling and at the end (a third of the re-rank
     * route's allocation). Without one (chunked), Javalin's reader and its limit (413).
     */
    static byte[] bytes(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        try {
            if (length < 0 || length > Integer.MAX_VALUE - 8) {
                return ctx.bodyAsBytes();
            }
            byte[] body = new byte[(int) length];
            int n = ctx.req().getInputStream().readNBytes(body, 0, body.length);
            if (n < body.length) {
                throw unreadable(ctx, String.format(Locale.ROOT, "the request body ended after %d of its %d bytes (Content-Length)",
                        n, length), "early end of stream");
            }
            return body;
        } catch (Exception e) {   // Javalin's Kotlin reader throws IOException undeclared
            if (e instanceof IOException io) {
                throw unreadable(ctx, io);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static ApiException unreadable(Context ctx, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return unreadable(ctx, 408, "request_timeout", "the request body stopped arriving before it was complete (the server's idle timeout)", e.toString());
            }
        }
        return unreadable(ctx, String.format(Locale.ROOT, "the request body could not be read (%s): it ended before its "
                + "Content-Length or its chunked framing is malformed", e.getMessage()), e.toString());
    }

    private static ApiException unreadable(Context ctx, String message, String cause) {
        return unreadable(ctx, 400, "unreadable_body", message, cause);
    }

    private static ApiException unreadable(Context ctx, int status, String error, String message, String cause) {
        LOG.warn("{} {} from {}: {} ({})", ctx.method(), ctx.path(), ctx.ip(), message, cause);
        return new ApiException(status, error, message);
    }

    /**
     * Refuses (415) a body whose Content-Type is not {@code application/json} (parameters allowed;
     * a charset, if named, must be UTF-8, the only one RFC 8259 allows between systems).
     */
    static void checkMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw unsupported("a request body needs Content-Type: application/json, got none");
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("application/json")) {
            throw unsupported("Content-Type must be application/json, got '" + clip(parts[0].trim()) + "'");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset") && param.length == 2
                    && !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                throw unsupported("Content-Type application/json must be UTF-8, got charset '" + clip(param[1].trim()) + "'");
            }
        }
    }

    private static ApiException unsupported(String message) {
        return new ApiException(415, "unsupported_media_type", message);
    }

    private static String clip(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "..." : printable;
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    static <T> T parse(byte[] body, Class<T> type) {
        if (blank(body)) {
            throw ApiException.badRequest("request body is empty: a JSON object is expected");
        }
        try {
            T value = StrictJson.MAPPER.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("request body is null: a JSON object is expected");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw StrictJson.refusal(e, body);
        } catch (IOException e) {
            throw new IllegalStateException("reading JSON from a byte array failed", e);
        }
    }
}
