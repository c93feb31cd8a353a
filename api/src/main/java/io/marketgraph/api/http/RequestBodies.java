package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.io.Json;
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
