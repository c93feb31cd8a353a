package io.marketgraph.api.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of the posts log: a listing in the post entity contract of DESIGN.md, plus
 * {@code updated_at} (when the server accepted it, ISO-8601), which decides whether a line is replayed
 * onto a model version. A status change of a post ({@code PATCH /v1/posts/{postId}}) is a line with
 * only {@code post_id}, {@code status} and {@code updated_at}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PostRecord(
        @JsonProperty("post_id") String postId,
        @JsonProperty("seller_kind") String sellerKind,
        @JsonProperty("seller_id") String sellerId,
        @JsonProperty("category_id") String categoryId,
        @JsonProperty("region_id") String regionId,
        @JsonProperty("title") String title,
        @JsonProperty("price") Double price,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("status") String status,
        @JsonProperty("updated_at") String updatedAt) {

    /** True for a status-change line (no listing fields). */
    public boolean isStatusChange() {
        return sellerKind == null && sellerId == null && categoryId == null && regionId == null;
    }

    /** The same listing, ignoring when it was accepted: what "the same body again" compares. */
    public boolean sameListing(PostRecord other) {
        return other != null && withUpdatedAt(null).equals(other.withUpdatedAt(null));
    }

    public PostRecord withUpdatedAt(String at) {
        return new PostRecord(postId, sellerKind, sellerId, categoryId, regionId, title, price, createdAt, status, at);
    }

    public PostRecord withStatus(String newStatus) {
        return new PostRecord(postId, sellerKind, sellerId, categoryId, regionId, title, price, createdAt, newStatus, updatedAt);
    }
}
