package io.marketgraph.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a user did to a post or a business. Each action carries the default weight it contributes
 * to the user→target edge (before time decay) and the target kinds it may apply to.
 *
 * <p>The defaults rank intent: a purchase says far more than a view. They are overridable per run
 * (build-graph {@code --weight ACTION=W}).
 */
public enum Action {
    VIEW(1.0, EnumSet.of(NodeKind.POST, NodeKind.BUSINESS)),
    SEARCH_CLICK(1.5, EnumSet.of(NodeKind.POST)),
    LIKE(3.0, EnumSet.of(NodeKind.POST)),
    AD_CLICK(2.0, EnumSet.of(NodeKind.POST, NodeKind.BUSINESS)),
    CHAT(5.0, EnumSet.of(NodeKind.POST, NodeKind.BUSINESS)),
    FOLLOW(4.0, EnumSet.of(NodeKind.BUSINESS)),
    PURCHASE(10.0, EnumSet.of(NodeKind.POST));

    private final double defaultWeight;
    private final Set<NodeKind> targetKinds;

    Action(double defaultWeight, Set<NodeKind> targetKinds) {
        this.defaultWeight = defaultWeight;
        this.targetKinds = targetKinds;
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    /** Whether this action may target a node of the given kind (a FOLLOW of a post is invalid). */
    public boolean appliesTo(NodeKind kind) {
        return targetKinds.contains(kind);
    }

    /**
     * Parses an action case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Action parse(String value) {
        if (value != null) {
            for (Action action : values()) {
                if (action.name().equalsIgnoreCase(value.trim())) {
                    return action;
                }
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown action '%s': expected one of VIEW, LIKE, CHAT, PURCHASE, FOLLOW, AD_CLICK, SEARCH_CLICK",
                value));
    }
}
