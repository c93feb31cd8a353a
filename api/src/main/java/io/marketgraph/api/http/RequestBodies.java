package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses request bodies strictly (unknown fields and wrong types are 400s), with messages that
 * name the field path and what was wrong: {@code candidates[3].baseScore: expected a number}.
 */
final class RequestBodies {

    private static final ObjectMapper STRICT = Json.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestBodies() {}

    /**
     * The raw body. With a Content-Length (already checked against the size limit before the
     * handler), read straight into an array of that size; Javalin's {@code bodyAsBytes} grows a
     * buffer from 32 bytes and copies it at every doubling and at the end (a third of the re-rank
     * route's allocation). Without one (chunked), Javalin's reader and its limit.
     */
    static byte[] bytes(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            return ctx.bodyAsBytes();
        }
        byte[] body = new byte[(int) length];
        try {
            int n = ctx.req().getInputStream().readNBytes(body, 0, body.length);
            return n == body.length ? body : Arrays.copyOf(body, n);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the request body", e);
        }
    }

    static <T> T parse(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("request body is empty: a JSON object is expected");
        }
        try {
            T value = STRICT.readValue(body, type);
            if (value == null) {
                throw ApiException.badRequest("request body is null: a JSON object is expected");
            }
            return value;
        } catch (StreamReadException e) {
            throw malformed(e);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "unknown field '%s'%s", e.getPropertyName(), at(e)));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException parse) {
                throw malformed(parse);
            }
            String path = path(e);
            throw ApiException.badRequest(String.format(Locale.ROOT, "%s%s",
                    path.isEmpty() ? "request body" : "field '" + path + "'", ": " + e.getOriginalMessage()
                            .replaceAll("`[a-zA-Z0-9_.$]+`", "").replaceAll("\\s+", " ").trim()));
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static ApiException malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" (start marker");
        return ApiException.badRequest("malformed JSON" + (e.getLocation() == null ? "" : String.format(Locale.ROOT,
                " at line %d column %d", e.getLocation().getLineNr(), e.getLocation().getColumnNr()))
                + ": " + (cut > 0 ? message.substring(0, cut) : message));
    }

    private static String at(JsonMappingException e) {
        String path = path(e);
        int cut = path.lastIndexOf('.');
        return cut < 0 ? "" : " in '" + path.substring(0, cut) + "'";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
