package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.api.service.RerankService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The re-rank route's JSON, both ways, on the streaming API: the body goes straight into parallel
 * arrays of ids and scores, the result is written field by field (the same bytes Jackson's record
 * serialization gives, {@code RerankJsonTest} compares). A body off the well-formed path (unknown
 * field, wrong type, malformed JSON, trailing tokens, a missing field) is parsed again by the
 * strict data-binding parser, so every 400 message is the one {@link RequestBodies} gives.
 */
final class RerankJson {

    /** A parsed request: {@code postIds[i]} with {@code baseScores[i]}, in the search engine's order. */
    record Request(String userId, String[] postIds, double[] baseScores) {}

    /** Shortest-repr doubles (Schubfach), as {@link ApiApp#RESPONSES} writes them; exact fast double parsing. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();
    private static final SerializedString USER_ID = new SerializedString("userId");
    private static final SerializedString PERSONALIZED = new SerializedString("personalized");
    private static final SerializedString REASON = new SerializedString("reason");
    private static final SerializedString STRATEGY = new SerializedString("strategy");
    private static final SerializedString MODEL_VERSION = new SerializedString("modelVersion");
    private static final SerializedString CANDIDATES = new SerializedString("candidates");
    private static final SerializedString POST_ID = new SerializedString("postId");
    private static final SerializedString SCORE = new SerializedString("score");
    private static final SerializedString BASE_SCORE = new SerializedString("baseScore");
    private static final SerializedString AFFINITY = new SerializedString("affinity");
    private static final SerializedString BASE_RANK = new SerializedString("baseRank");

    private RerankJson() {}

    static Request parse(byte[] body) {
        Request fast = body.length == 0 ? null : parseWellFormed(body);
        return fast != null ? fast : parseStrictly(new String(body, StandardCharsets.UTF_8));
    }

    /** The common case in one pass, or null as soon as anything is unusual (the strict parser then explains it). */
    private static Request parseWellFormed(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String userId = null;
            boolean query = false;
            String[] ids = null;
            double[] scores = null;
            int n = 0;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("userId") && userId == null && value == JsonToken.VALUE_STRING) {
                    userId = p.getText();
                } else if (field.equals("query") && !query && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL)) {
                    query = true;
                } else if (field.equals("candidates") && ids == null && value == JsonToken.START_ARRAY) {
                    ids = new String[256];
                    scores = new double[256];
                    for (t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
                        if (n == ids.length) {
                            ids = Arrays.copyOf(ids, 2 * n);
                            scores = Arrays.copyOf(scores, 2 * n);
                        }
                        if (!candidate(p, ids, scores, n++)) {
                            return null;
                        }
                    }
                    if (t != JsonToken.END_ARRAY) {
                        return null;
                    }
                } else {
                    return null;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || userId == null || ids == null) {
                return null;
            }
            return new Request(userId, Arrays.copyOf(ids, n), Arrays.copyOf(scores, n));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code {"postId": "...", "baseScore": number}} in either order, nothing else; the parser is on its START_OBJECT. */
    private static boolean candidate(JsonParser p, String[] ids, double[] scores, int i) throws IOException {
        boolean score = false;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("postId") && ids[i] == null && value == JsonToken.VALUE_STRING) {
                ids[i] = p.getText();
            } else if (field.equals("baseScore") && !score && value.isNumeric()) {
                scores[i] = p.getDoubleValue();
                score = true;
            } else {
                return false;
            }
        }
        return ids[i] != null && score && p.currentToken() == JsonToken.END_OBJECT;
    }

    /** Data binding with the strict settings and the messages every POST route gives. */
    private static Request parseStrictly(String body) {
        Dtos.RerankRequest request = RequestBodies.parse(body, Dtos.RerankRequest.class);
        if (request.userId() == null || request.candidates() == null) {
            throw ApiException.badRequest("fields 'userId' and 'candidates' are required");
        }
        int n = request.candidates().size();
        String[] ids = new String[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            Dtos.CandidateDto c = request.candidates().get(i);
            if (c == null || c.baseScore() == null) {
                throw ApiException.badRequest("candidates[" + i + "] needs postId and baseScore");
            }
            ids[i] = c.postId();
            scores[i] = c.baseScore();
        }
        return new Request(request.userId(), ids, scores);
    }

    static byte[] write(RerankService.Result result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 128 * result.candidates().size());
        write(result, out);
        return out.toByteArray();
    }

    /**
     * The result as Jackson serializes the record with {@link ApiApp#RESPONSES} (component order,
     * nulls written), into {@code out}: the response stream, so that no copy of the body is made.
     * The stream is neither flushed nor closed, so that the server still sees the whole body
     * before it commits the response (it sets Content-Length).
     */
    static void write(RerankService.Result result, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(USER_ID);
            g.writeString(result.userId());
            g.writeFieldName(PERSONALIZED);
            g.writeBoolean(result.personalized());
            g.writeFieldName(REASON);
            g.writeString(result.reason());
            g.writeFieldName(STRATEGY);
            g.writeString(result.strategy());
            g.writeFieldName(MODEL_VERSION);
            g.writeString(result.modelVersion());
            g.writeFieldName(CANDIDATES);
            g.writeStartArray();
            for (RerankService.Ranked r : result.candidates()) {
                g.writeStartObject();
                g.writeFieldName(POST_ID);
                g.writeString(r.postId());
                g.writeFieldName(SCORE);
                g.writeNumber(r.score());
                g.writeFieldName(BASE_SCORE);
                g.writeNumber(r.baseScore());
                g.writeFieldName(AFFINITY);
                if (r.affinity() == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(r.affinity());
                }
                g.writeFieldName(BASE_RANK);
                g.writeNumber(r.baseRank());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write a re-rank result", e);
        }
    }
}
