package io.marketgraph.api.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The bodies of the ingest endpoints, as the wire names them (read strictly by the HTTP layer). */
public final class IngestRequests {

    private IngestRequests() {}

    /** {@code POST /v1/posts}: a listing. {@code createdAt}: ISO-8601 or epoch millis; {@code status} defaults to ACTIVE. */
    public record Post(String postId, String sellerKind, String sellerId, String categoryId, String regionId, String title,
                       Double price, JsonNode createdAt, String status) {}

    /** {@code PATCH /v1/posts/{postId}}. */
    public record StatusChange(String status) {}

    /** {@code POST /v1/events}. */
    public record Events(List<Event> events) {}

    /** One event in the event contract of DESIGN.md; {@code ts}: ISO-8601 or epoch millis. */
    public record Event(@JsonProperty("event_id") String eventId, @JsonProperty("ts") JsonNode ts,
                        @JsonProperty("user_id") String userId, @JsonProperty("action") String action,
                        @JsonProperty("target_kind") String targetKind, @JsonProperty("target_id") String targetId,
                        @JsonProperty("query") String query, @JsonProperty("region_id") String regionId) {}
}
