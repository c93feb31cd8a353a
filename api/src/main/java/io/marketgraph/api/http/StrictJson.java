package io.marketgraph.api.http;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MutableCoercionConfig;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.api.service.Utf16;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How request bodies are read: no coercion of any kind (a string is not a number or a boolean, a
 * number is not a string, 1.7 is not an integer), a field twice in one object is refused, a null
 * inside an array is refused, strings must be valid UTF-16 (no unpaired surrogate, which {@code "\\ud800"}
 * escapes can produce), unknown fields and trailing tokens are refused. Every refusal becomes a
 * 400 whose message names the field path and the expected type in our words
 * ({@code field 'size': expected an integer, got the number 1.7}), never Jackson's class names.
 */
final class StrictJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .withCoercionConfig(LogicalType.Integer, c -> fail(c, CoercionInputShape.String, CoercionInputShape.Float,
                    CoercionInputShape.Boolean, CoercionInputShape.EmptyString))
            .withCoercionConfig(LogicalType.Float, c -> fail(c, CoercionInputShape.String, CoercionInputShape.Boolean,
                    CoercionInputShape.EmptyString))
            .withCoercionConfig(LogicalType.Boolean, c -> fail(c, CoercionInputShape.String, CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.EmptyString))
            .withCoercionConfigDefaults(c -> fail(c, CoercionInputShape.EmptyString, CoercionInputShape.EmptyArray))
            .addModule(new SimpleModule("strict-strings").addDeserializer(String.class, new Utf16Strings()))
            .build();

    private StrictJson() {}

    private static void fail(MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }

    /** Strings only from JSON strings, and only valid UTF-16. */
    private static final class Utf16Strings extends StdScalarDeserializer<String> {
        Utf16Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String s = p.getText();
            int at = Utf16.unpairedSurrogate(s);
            if (at >= 0) {
                throw new InvalidUtf16(p, String.format(Locale.ROOT, "not valid UTF-16: an unpaired surrogate \\u%04X at index %d",
                        (int) s.charAt(at), at));
            }
            return s;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    private static final class InvalidUtf16 extends MismatchedInputException {
        InvalidUtf16(JsonParser p, String message) {
            super(p, message, String.class);
        }
    }

    /** The 400 for {@code body}, which Jackson refused. */
    static ApiException refusal(JsonProcessingException e, byte[] body) {
        InputCoercionException range = e instanceof InputCoercionException r ? r
                : e.getCause() instanceof InputCoercionException r ? r : null;
        if (range != null) {   // a number too big for its field: Jackson says so in a parse error, with the field in the wrapper if any
            String path = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? path(m)
                    : range.getProcessor() == null ? "" : pointerPath(range.getProcessor().getParsingContext().pathAsPointer().toString());
            return ApiException.badRequest(String.format(Locale.ROOT, "%s: expected %s, got the number %s, which is out of its range",
                    path.isEmpty() ? "request body" : "field '" + path + "'", expected(range.getTargetType()),
                    clip(range.getOriginalMessage().replaceFirst("^Numeric value \\(([^)]*)\\).*$", "$1"))));
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof StreamReadException parse) {
            return malformed(parse);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String path = path(u);
            int cut = path.lastIndexOf('.');
            return ApiException.badRequest(String.format(Locale.ROOT, "unknown field '%s'%s", u.getPropertyName(),
                    cut < 0 ? "" : " in '" + path.substring(0, cut) + "'"));
        }
        if (e instanceof JsonMappingException m) {
            String path = path(m);
            String where = path.isEmpty() ? "request body" : "field '" + path + "'";
            if (m.getOriginalMessage().startsWith("Trailing token")) {
                return ApiException.badRequest("malformed JSON" + at(m) + ": more follows the request body's JSON value (one value per body)");
            }
            if (m instanceof InvalidUtf16) {
                return ApiException.badRequest(where + ": " + m.getOriginalMessage());
            }
            if (m instanceof InvalidNullException || m instanceof MismatchedInputException) {
                Class<?> target = m instanceof MismatchedInputException mi ? mi.getTargetType() : null;
                String got = m instanceof InvalidNullException ? "null" : got(nodeAt(body, m));
                return ApiException.badRequest(where + ": expected " + expected(target) + ", got " + got);
            }
            return ApiException.badRequest(where + ": invalid value");
        }
        return malformed(e);
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : String.format(Locale.ROOT, " at line %d column %d",
                e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }

    private static ApiException malformed(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        String at = at(e);
        if (message.startsWith("Duplicate field ")) {
            return ApiException.badRequest("duplicate field " + message.substring("Duplicate field ".length()) + at
                    + ": a field may appear once in an object");
        }
        int cut = message.indexOf(" (start marker");
        return ApiException.badRequest("malformed JSON" + at + ": " + (cut > 0 ? message.substring(0, cut) : message));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return Collection.class.isAssignableFrom(type) || type.isArray() ? "an array" : "an object";
    }

    /**
     * The value at the refused path, read again from the body (only on this error path): Jackson's
     * exception knows the path but its parser is closed by then.
     */
    private static JsonNode nodeAt(byte[] body, JsonMappingException e) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException readAgain) {
            return null;
        }
        for (JsonMappingException.Reference r : e.getPath()) {
            node = node == null ? null : r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    /** A JSON value in words, with its text for scalars (printable ASCII, at most 40 characters). */
    private static String got(JsonNode node) {
        if (node == null) {
            return "something else";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "the string " + quote(node.textValue());
            case NUMBER -> "the number " + clip(node.asText());
            case BOOLEAN -> node.asText();
            case NULL -> "null";
            default -> "something else";
        };
    }

    private static String quote(String text) {
        return "'" + clip(text) + "'";
    }

    private static String clip(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F && c != '\'' ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04X", (int) c));
        }
        return out + (text.length() > 40 ? "..." : "");
    }

    /** {@code /target/ids/0} as {@code target.ids[0]}. */
    private static String pointerPath(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String segment : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/")) {
            out.append(segment.matches("\\d+") ? "[" + segment + "]" : (out.length() == 0 ? "" : ".") + segment);
        }
        return out.toString();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
