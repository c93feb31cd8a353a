package io.marketgraph.api.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One accepted event as the ingest log stores it: the event contract of DESIGN.md, field for field,
 * so that {@code build-graph --events REGISTRY/ingest/events} reads the log. {@code ts} is written as
 * an ISO-8601 instant whatever form the client sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventRecord(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("ts") String ts,
        @JsonProperty("user_id") String userId,
        @JsonProperty("action") String action,
        @JsonProperty("target_kind") String targetKind,
        @JsonProperty("target_id") String targetId,
        @JsonProperty("query") String query,
        @JsonProperty("region_id") String regionId) {}
