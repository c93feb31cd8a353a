package io.marketgraph.build.graph;

import java.util.Locale;

/**
 * Why a record went to {@code quarantine/}. Checks run in this order and the first failing one
 * names the record's reason, so every record has exactly one.
 */
public enum RejectReason {
    /** Not parseable as a record of its format (bad JSON, wrong CSV column count, bad edge-list line). */
    MALFORMED_RECORD,
    /** An id longer than 256 characters or a query longer than 4096. */
    FIELD_TOO_LONG,
    /** user_id, action, target_kind, target_id or ts is absent or blank. */
    MISSING_FIELD,
    UNKNOWN_ACTION,
    /** target_kind is not POST or BUSINESS. */
    UNKNOWN_TARGET_KIND,
    /** e.g. FOLLOW of a POST, PURCHASE of a BUSINESS (graph-model Action.appliesTo). */
    ACTION_NOT_VALID_FOR_KIND,
    /** ts is neither epoch millis nor ISO-8601. */
    BAD_TIMESTAMP,
    /** ts is after --now. */
    FUTURE_TIMESTAMP,
    UNKNOWN_USER,
    UNKNOWN_TARGET,
    /** A user acting on their own post; in an edge list, a self-loop. */
    SELF_INTERACTION,
    /** An edge-list weight that is not a finite number > 0. */
    BAD_WEIGHT,
    /** A second record with an event_id already seen (the earliest by ts, then input order, is kept). */
    DUPLICATE_EVENT_ID;

    /** The name used in report.json and quarantine/: lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
