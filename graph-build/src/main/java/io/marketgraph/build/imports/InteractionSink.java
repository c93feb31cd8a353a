package io.marketgraph.build.imports;

import io.marketgraph.model.Action;

/** Where a log reader hands each interaction and each item it learns about. */
interface InteractionSink {

    /** An item of the catalogue with its title and category name (null when the log has none). */
    void item(String itemId, String title, String category);

    /** One user→item interaction at {@code tsMillis}, as one event per action. */
    void interaction(String userId, String itemId, long tsMillis, Action... actions);

    /** A record left out, by reason (counted in import.json). */
    void skipped(String reason);
}
