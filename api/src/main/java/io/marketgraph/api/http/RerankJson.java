package io.marketgraph.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.api.service.RerankService;
import io.marketgraph.api.service.Utf16;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The re-rank route's JSON, both ways. The body goes straight into parallel arrays of ids and
 * scores: first {@link RerankBodyScanner} over the bytes (plain ASCII ids, plain numbers), then,
 * where it gives up, Jackson's streaming parser; a body off the well-formed path (unknown field,
 * wrong type, malformed JSON, trailing tokens, a missing field) is parsed again by the strict
 * data-binding parser, so every 400 message is the one {@link RequestBodies} gives. The result is
 * written field by field into one byte buffer ({@link JsonBytes}: the bytes Jackson's record
 * serialization gives but for the learned scores' float form; {@code RerankJsonTest} compares).
 */
final class RerankJson {

    /** A parsed request: {@code postIds[i]} with {@code baseScores[i]}, in the search engine's order. */
    record Request(String userId, String[] postIds, double[] baseScores) {}

    /** Candidates as the two fast parsers read them: parallel arrays that double when full. */
    static final class Candidates {
        String[] ids = new String[256];
        double[] scores = new double[256];
        private int n;

        /** Makes room for one more candidate and returns its index. */
        int add() {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, 2 * n);
                scores = Arrays.copyOf(scores, 2 * n);
            }
            return n++;
        }

        Request request(String userId) {
            return new Request(userId, Arrays.copyOf(ids, n), Arrays.copyOf(scores, n));
        }
    }

    /** Exact fast double parsing. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private static final byte[] USER_ID = JsonBytes.bytes("{\"userId\":");
    private static final byte[] PERSONALIZED = JsonBytes.bytes(",\"personalized\":");
    private static final byte[] REASON = JsonBytes.bytes(",\"reason\":");
    private static final byte[] STRATEGY = JsonBytes.bytes(",\"strategy\":");
    private static final byte[] MODEL_VERSION = JsonBytes.bytes(",\"modelVersion\":");
    private static final byte[] CANDIDATES = JsonBytes.bytes(",\"candidates\":[");
    private static final byte[] POST_ID_FIRST = JsonBytes.bytes("{\"postId\":");
    private static final byte[] POST_ID = JsonBytes.bytes(",{\"postId\":");
    private static final byte[] SCORE = JsonBytes.bytes(",\"score\":");
    private static final byte[] BASE_SCORE = JsonBytes.bytes(",\"baseScore\":");
    private static final byte[] AFFINITY = JsonBytes.bytes(",\"affinity\":");
    private static final byte[] BASE_RANK = JsonBytes.bytes(",\"baseRank\":");
    private static final byte[] NO_AFFINITY_BASE_RANK = JsonBytes.bytes(",\"affinity\":null,\"baseRank\":");
    private static final byte[] END = JsonBytes.bytes("]}");
    /** The response of one re-rank is built here (about 15 KB for 200 candidates), then written in one call. */
    private static final ThreadLocal<JsonBytes> BUFFER = ThreadLocal.withInitial(() -> new JsonBytes(32 * 1024));

    private RerankJson() {}

    static Request parse(byte[] body) {
        Request fast = body.length == 0 ? null : RerankBodyScanner.scan(body);
        if (fast == null && body.length > 0) {
            fast = parseStreaming(body);
        }
        return fast != null ? fast : parseStrictly(body);
    }

    /** Well-formed bodies on Jackson's streaming parser, or null as soon as anything is unusual (the strict parser then explains it). */
    static Request parseStreaming(byte[] body) {
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String userId = null;
            boolean query = false;
            Candidates candidates = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("userId") && userId == null && value == JsonToken.VALUE_STRING) {
                    userId = p.getText();
                    if (Utf16.unpairedSurrogate(userId) >= 0) {
                        return null;
                    }
                } else if (field.equals("query") && !query && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL)) {
                    query = true;
                } else if (field.equals("candidates") && candidates == null && value == JsonToken.START_ARRAY) {
                    candidates = new Candidates();
                    for (t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
                        if (!candidate(p, candidates, candidates.add())) {
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
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || userId == null || candidates == null) {
                return null;
            }
            return candidates.request(userId);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code {"postId": "...", "baseScore": number}} in either order, nothing else; the parser is on its START_OBJECT. */
    private static boolean candidate(JsonParser p, Candidates c, int i) throws IOException {
        boolean score = false;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("postId") && c.ids[i] == null && value == JsonToken.VALUE_STRING) {
                c.ids[i] = p.getText();
                if (Utf16.unpairedSurrogate(c.ids[i]) >= 0) {
                    return false;
                }
            } else if (field.equals("baseScore") && !score && value.isNumeric()) {
                c.scores[i] = p.getDoubleValue();
                score = true;
            } else {
                return false;
            }
        }
        return c.ids[i] != null && score && p.currentToken() == JsonToken.END_OBJECT;
    }

    /** Data binding with the strict settings and the messages every POST route gives. */
    private static Request parseStrictly(byte[] body) {
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
        return fill(new JsonBytes(256 + 96 * result.candidates().size()), result).toByteArray();
    }

    /**
     * The result as Jackson serializes the record with {@link ApiApp#RESPONSES} (component order,
     * nulls written, shortest doubles), except that the learned model's scores, which are floats,
     * are written as floats (their shortest form: 0.72345674, not the double 0.7234567403793335).
     * One write of the whole body into {@code out}, neither flushed nor closed, so that the server
     * still sees the whole body before it commits the response (it sets Content-Length).
     */
    static void write(RerankService.Result result, OutputStream out) {
        try {
            fill(BUFFER.get().reset(), result).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write a re-rank result", e);
        }
    }

    private static JsonBytes fill(JsonBytes json, RerankService.Result result) {
        json.raw(USER_ID).string(result.userId()).raw(PERSONALIZED).bool(result.personalized())
                .raw(REASON).string(result.reason()).raw(STRATEGY).string(result.strategy())
                .raw(MODEL_VERSION).string(result.modelVersion()).raw(CANDIDATES);
        boolean floatScores = RerankService.LEARNED.equals(result.strategy());
        boolean first = true;
        for (RerankService.Ranked r : result.candidates()) {
            json.raw(first ? POST_ID_FIRST : POST_ID).string(r.postId()).raw(SCORE);
            first = false;
            double score = r.score();
            if (floatScores && (float) score == score) {
                json.number((float) score);
            } else {
                json.number(score);
            }
            json.raw(BASE_SCORE).number(r.baseScore());
            if (r.affinity() == null) {
                json.raw(NO_AFFINITY_BASE_RANK);
            } else {
                json.raw(AFFINITY).number(r.affinity().doubleValue()).raw(BASE_RANK);
            }
            json.number(r.baseRank()).raw('}');
        }
        return json.raw(END);
    }
}
