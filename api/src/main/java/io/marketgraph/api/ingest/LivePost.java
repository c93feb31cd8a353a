package io.marketgraph.api.ingest;

import io.marketgraph.model.NodeKind;

/**
 * A post listed after the serving version's graph was built: what the filters and candidate sources
 * need, and its fold-in vector (unit length; {@code null} when neither its seller nor its region or
 * category is known to the model, then it is found only through trending and followed sellers).
 */
public record LivePost(String id, NodeKind sellerKind, String sellerId, int region, int category, long createdAtMillis,
                       float[] vector, String vectorFrom, PostRecord record) {}
