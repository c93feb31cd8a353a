package io.marketgraph.api.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgraph.api.model.ModelManager;
import io.marketgraph.api.service.ApiException;
import io.marketgraph.io.IdCodes;
import io.marketgraph.io.Timestamps;
import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import io.marketgraph.model.PostStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Real-time ingest: validates listings, status changes and events, writes them ahead to the
 * {@link IngestLog} (synced before the call returns) and applies them to the serving model's
 * {@link LiveState}, so that the next request sees them.
 *
 * <p>Events are checked with build-graph's rules (graph-model's {@link Action} and {@link NodeKind},
 * the same reasons and order), except that a user the model does not know is fine (a new user is what
 * fold-in is for). A batch is taken whole or not at all: when any event is rejected, nothing is written
 * and the answer counts the rejects by reason and names each ({@code events[3].action}). An event whose
 * {@code event_id} was taken before (or earlier in the batch) is a duplicate: counted, not applied again.
 */
public final class IngestService {

    /** Clock skew allowed on {@code ts} and {@code createdAt}: later is FUTURE_TIMESTAMP. */
    static final long SKEW_MILLIS = 60_000;
    static final int MAX_ID_LENGTH = 256;
    static final int MAX_TEXT_LENGTH = 4096;
    /** Rejected events named one by one in an answer; all are counted. */
    static final int MAX_NAMED_REJECTS = 20;
    public static final int MAX_EVENTS = 1000;

    /** Why an event was rejected; the keys are build-graph's quarantine reasons. */
    public enum RejectReason {
        FIELD_TOO_LONG, MISSING_FIELD, UNKNOWN_ACTION, UNKNOWN_TARGET_KIND, ACTION_NOT_VALID_FOR_KIND, BAD_TIMESTAMP,
        FUTURE_TIMESTAMP, UNKNOWN_TARGET, SELF_INTERACTION;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One rejected event: where, which field and value, why. */
    public record Reject(String at, String field, String value, String reason, String message) {}

    /** The answer to a batch: accepted (written and applied), duplicates, rejected by reason. */
    public record EventsResult(int received, int accepted, int duplicates, Map<String, Long> rejected, List<Reject> errors,
                               String modelVersion) {
        public boolean refused() {
            return !rejected.isEmpty();
        }
    }

    /** The answer to a listing or status change. {@code vectorFrom}: model, seller+region_category, ..., none. */
    public record PostResult(String postId, String outcome, String status, String vectorFrom, String modelVersion) {}

    private final ModelManager models;
    private final Clock clock;

    public IngestService(ModelManager models, Clock clock) {
        this.models = models;
        this.clock = clock;
    }

    // ---- posts ----

    public PostResult upsert(IngestRequests.Post body) {
        long now = clock.millis();
        String postId = id(body.postId(), "postId");
        NodeKind sellerKind = sellerKind(body.sellerKind());
        String sellerId = id(body.sellerId(), "sellerId");
        String category = id(body.categoryId(), "categoryId");
        String region = id(body.regionId(), "regionId");
        if (body.price() == null || !(body.price() >= 0) || body.price().isInfinite()) {
            throw ApiException.badRequest("price must be a finite number >= 0, got " + body.price());
        }
        if (body.title() != null && body.title().length() > MAX_TEXT_LENGTH) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "title must be at most %d characters, got %d",
                    MAX_TEXT_LENGTH, body.title().length()));
        }
        long created = millis(body.createdAt(), "createdAt", now);
        PostStatus status = body.status() == null ? PostStatus.ACTIVE : status(body.status(), "status");
        return durable(models.ingest(serving -> {
            IdCodes codes = serving.model().idCodes();
            String version = serving.model().version();
            PostRecord record = new PostRecord(postId, sellerKind.name(), sellerId,
                    graphId(codes, IdCodes.CATEGORY, category, "categoryId", "category", version),
                    graphId(codes, IdCodes.REGION, region, "regionId", "region", version), body.title(), body.price(),
                    Instant.ofEpochMilli(created).toString(), status.name(), Instant.ofEpochMilli(now).toString());
            LiveState live = serving.live();
            if (!live.wouldChange(record)) {
                return new Logged<>(postResult(serving, postId, LiveState.Outcome.UNCHANGED), null);
            }
            IngestLog.Mark mark = models.log().appendPosts(List.of(record));
            return new Logged<>(postResult(serving, postId, live.applyPost(record)), mark);
        }));
    }

    public PostResult changeStatus(String postId, IngestRequests.StatusChange body) {
        if (postId == null || postId.isBlank() || postId.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest("postId must be a non-blank id of at most " + MAX_ID_LENGTH + " characters");
        }
        PostStatus status = status(body.status(), "status");
        String at = Instant.ofEpochMilli(clock.millis()).toString();
        return durable(models.ingest(serving -> {
            LiveState live = serving.live();
            if (!live.knowsPost(postId)) {
                throw ApiException.notFound(String.format(Locale.ROOT,
                        "post '%s' is unknown to model %s and was not listed through POST /v1/posts", postId, serving.model().version()));
            }
            if (live.currentStatus(postId) == status) {
                return new Logged<>(postResult(serving, postId, LiveState.Outcome.UNCHANGED), null);
            }
            PostRecord change = new PostRecord(postId, null, null, null, null, null, null, null, status.name(), at);
            IngestLog.Mark mark = models.log().appendPosts(List.of(change));
            return new Logged<>(postResult(serving, postId, live.applyPost(change)), mark);
        }));
    }

    /** An ingest write's answer and the log mark to sync before giving it (null: nothing written). */
    private record Logged<T>(T result, IngestLog.Mark mark) {}

    /**
     * The answer of a write, once its log batch is on disk. The model manager's writer thread synced the log
     * after the write's batch ({@link ModelManager#ingest}), so the sync here returns at once; it states the
     * rule where the answer is given. The live state shows a write from its append on: a crash before the
     * sync loses a write that was never acknowledged.
     */
    private <T> T durable(Optional<Logged<T>> written) {
        Logged<T> logged = written.orElseThrow(ApiException::noModel);
        models.log().sync(logged.mark());
        return logged.result();
    }

    private static PostResult postResult(ModelManager.Serving serving, String postId, LiveState.Outcome outcome) {
        LiveState live = serving.live();
        String from = serving.model().nodeIndex(NodeKind.POST, postId) >= 0 ? "model"
                : live.livePost(postId).map(p -> p.vector() == null ? "none" : p.vectorFrom()).orElse("none");
        return new PostResult(postId, outcome.name().toLowerCase(Locale.ROOT), live.currentStatus(postId).name(), from,
                serving.model().version());
    }

    // ---- events ----

    public EventsResult events(IngestRequests.Events body) {
        if (body.events() == null) {
            throw ApiException.badRequest("field 'events' is required: an array of events");
        }
        List<IngestRequests.Event> events = body.events();
        if (events.size() > MAX_EVENTS) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "events holds %d events; at most %d per request",
                    events.size(), MAX_EVENTS));
        }
        long now = clock.millis();
        return durable(models.ingest(serving -> {
            LiveState live = serving.live();
            Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
            List<Reject> errors = new ArrayList<>();
            List<EventRecord> accepted = new ArrayList<>();
            Set<String> idsInBatch = new HashSet<>();
            int duplicates = 0;
            for (int i = 0; i < events.size(); i++) {
                String at = "events[" + i + "]";
                IngestRequests.Event e = events.get(i);
                Object verdict = check(e, at, now, live);
                if (verdict instanceof Reject r) {
                    rejected.merge(RejectReason.valueOf(r.reason().toUpperCase(Locale.ROOT)), 1L, Long::sum);
                    if (errors.size() < MAX_NAMED_REJECTS) {
                        errors.add(r);
                    }
                } else if (e.eventId() != null && (live.hasEvent(e.eventId()) || !idsInBatch.add(e.eventId()))) {
                    duplicates++;
                } else {
                    accepted.add((EventRecord) verdict);
                }
            }
            if (!rejected.isEmpty()) {
                Map<String, Long> byKey = new LinkedHashMap<>();
                rejected.forEach((reason, n) -> byKey.put(reason.key(), n));
                return new Logged<>(new EventsResult(events.size(), 0, 0, byKey, errors, serving.model().version()), null);
            }
            IngestLog.Mark mark = models.log().appendEvents(accepted);
            for (EventRecord r : accepted) {
                live.applyEvent(r);
            }
            return new Logged<>(new EventsResult(events.size(), accepted.size(), duplicates, Map.of(), List.of(),
                    serving.model().version()), mark);
        }));
    }

    /** A {@link Reject} or the {@link EventRecord} to write, by build-graph's rules in its order. */
    private static Object check(IngestRequests.Event e, String at, long now, LiveState live) {
        if (e == null) {
            return new Reject(at, "", "null", RejectReason.MISSING_FIELD.key(), at + " is null: an event object is expected");
        }
        String ts = e.ts() == null || e.ts().isNull() ? null : e.ts().isTextual() ? e.ts().textValue() : e.ts().toString();
        String[][] fields = {{"event_id", e.eventId()}, {"user_id", e.userId()}, {"action", e.action()},
                {"target_kind", e.targetKind()}, {"target_id", e.targetId()}, {"region_id", e.regionId()}, {"ts", ts}};
        for (String[] f : fields) {
            if (f[1] != null && f[1].length() > MAX_ID_LENGTH) {
                return reject(at, f[0], f[1], RejectReason.FIELD_TOO_LONG, "must be at most " + MAX_ID_LENGTH + " characters, got "
                        + f[1].length());
            }
        }
        if (e.query() != null && e.query().length() > MAX_TEXT_LENGTH) {
            return reject(at, "query", e.query(), RejectReason.FIELD_TOO_LONG, "must be at most " + MAX_TEXT_LENGTH
                    + " characters, got " + e.query().length());
        }
        for (String[] f : new String[][] {{"user_id", e.userId()}, {"action", e.action()}, {"target_kind", e.targetKind()},
                {"target_id", e.targetId()}, {"ts", ts}}) {
            if (f[1] == null || f[1].isBlank()) {
                return reject(at, f[0], f[1], RejectReason.MISSING_FIELD, "is required");
            }
        }
        Action action;
        try {
            action = Action.parse(e.action());
        } catch (IllegalArgumentException ex) {
            return reject(at, "action", e.action(), RejectReason.UNKNOWN_ACTION, ex.getMessage());
        }
        NodeKind kind;
        try {
            kind = NodeKind.parse(e.targetKind());
        } catch (IllegalArgumentException ex) {
            kind = null;
        }
        if (kind == null || kind == NodeKind.USER) {
            return reject(at, "target_kind", e.targetKind(), RejectReason.UNKNOWN_TARGET_KIND, "must be POST or BUSINESS");
        }
        if (!action.appliesTo(kind)) {
            return reject(at, "action", e.action(), RejectReason.ACTION_NOT_VALID_FOR_KIND, action + " cannot target a " + kind);
        }
        if (e.ts().isNumber() && !e.ts().isIntegralNumber()) {
            return reject(at, "ts", ts, RejectReason.BAD_TIMESTAMP, "must be epoch millis (an integer) or ISO-8601");
        }
        long millis = Timestamps.parseMillis(ts);
        if (millis == Timestamps.INVALID) {
            return reject(at, "ts", ts, RejectReason.BAD_TIMESTAMP, "must be epoch millis or ISO-8601");
        }
        if (millis > now + SKEW_MILLIS) {
            return reject(at, "ts", ts, RejectReason.FUTURE_TIMESTAMP, "is after the server's clock "
                    + Instant.ofEpochMilli(now) + " (+" + SKEW_MILLIS / 1000 + " s of skew)");
        }
        String userId = e.userId().trim();
        String targetId = e.targetId().trim();
        boolean known = live.model().nodeIndex(kind, targetId) >= 0 || kind == NodeKind.POST && live.livePost(targetId).isPresent();
        if (!known) {
            return reject(at, "target_id", e.targetId(), RejectReason.UNKNOWN_TARGET, "no " + kind + " with this id in model "
                    + live.model().version() + " or among the posts listed since");
        }
        if (kind == NodeKind.POST && live.livePost(targetId).filter(p -> p.sellerKind() == NodeKind.USER
                && p.sellerId().equals(userId)).isPresent()) {
            return reject(at, "user_id", e.userId(), RejectReason.SELF_INTERACTION, "sells post '" + targetId + "'");
        }
        return new EventRecord(e.eventId(), Instant.ofEpochMilli(millis).toString(), userId, action.name(), kind.name(), targetId,
                e.query(), e.regionId());
    }

    private static Reject reject(String at, String field, String value, RejectReason reason, String rule) {
        String shown = value == null ? "null" : "'" + clip(value) + "'";
        return new Reject(at + "." + field, field, value == null ? null : clip(value), reason.key(),
                String.format(Locale.ROOT, "%s.%s %s: got %s", at, field, rule, shown));
    }

    // ---- field rules ----

    private static String id(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required: a non-blank id, got " + (value == null ? "null" : "'" + value + "'"));
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "%s must be at most %d characters, got %d",
                    field, MAX_ID_LENGTH, value.length()));
        }
        return value.trim();
    }

    private static NodeKind sellerKind(String value) {
        if (value != null && (value.equalsIgnoreCase("USER") || value.equalsIgnoreCase("BUSINESS"))) {
            return NodeKind.parse(value);
        }
        throw ApiException.badRequest("sellerKind must be USER or BUSINESS, got " + (value == null ? "null" : "'" + clip(value) + "'"));
    }

    /**
     * A region or category id as the entities name it, checked against the serving graph: one of the
     * ids its {@code id-codes.json} lists when the graph's ids are strings, else a non-negative integer
     * in a string ("5", written back as "5"). The log keeps the entities' id, so build-graph codes it as
     * it codes the rest.
     */
    private static String graphId(IdCodes codes, String column, String value, String field, String what, String version) {
        int code = codes.code(column, value);
        if (code >= 0) {
            return codes.coded(column) ? value : Integer.toString(code);
        }
        throw ApiException.badRequest(codes.coded(column)
                ? String.format(Locale.ROOT, "%s '%s' is not a %s id of model %s's graph (its %s ids are the strings its "
                        + "id-codes.json lists)", field, clip(value), what, version, what)
                : String.format(Locale.ROOT, "%s must be a %s id as the graph's node table holds it, a non-negative integer "
                        + "in a string (\"5\"), got '%s'", field, what, clip(value)));
    }

    private static long millis(JsonNode value, String field, long now) {
        String text = value == null || value.isNull() ? null : value.isTextual() ? value.textValue()
                : value.isIntegralNumber() ? value.toString() : null;
        long millis = Timestamps.parseMillis(text);
        if (millis == Timestamps.INVALID) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "%s must be ISO-8601 or epoch millis, got %s",
                    field, value == null ? "null" : clip(value.toString())));
        }
        if (millis > now + SKEW_MILLIS) {
            throw ApiException.badRequest(String.format(Locale.ROOT, "%s %s is after the server's clock %s", field, text,
                    Instant.ofEpochMilli(now)));
        }
        return millis;
    }

    private static PostStatus status(String value, String field) {
        if (value != null) {
            for (PostStatus s : PostStatus.values()) {
                if (s.name().equalsIgnoreCase(value.trim())) {
                    return s;
                }
            }
        }
        throw ApiException.badRequest(String.format(Locale.ROOT, "%s must be one of ACTIVE, RESERVED, SOLD, HIDDEN, got %s",
                field, value == null ? "null" : "'" + clip(value) + "'"));
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
