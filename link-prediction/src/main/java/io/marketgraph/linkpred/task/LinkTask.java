package io.marketgraph.linkpred.task;

import io.marketgraph.model.Action;
import io.marketgraph.model.NodeKind;
import java.util.List;
import java.util.Locale;

/**
 * A link-prediction question on the marketplace graph: will this user do one of these actions to
 * a target of this kind? The name prefixes the task's metrics ({@code user_post.roc_auc}).
 */
public enum LinkTask {
    /** Engagement with a listing: a like, a chat with the seller, or a purchase. */
    USER_POST("user_post", NodeKind.POST, List.of(Action.LIKE, Action.CHAT, Action.PURCHASE)),
    /** Interest in a local business: following it or clicking its ad. */
    USER_BUSINESS("user_business", NodeKind.BUSINESS, List.of(Action.FOLLOW, Action.AD_CLICK));

    private final String metricName;
    private final NodeKind targetKind;
    private final List<Action> actions;

    LinkTask(String metricName, NodeKind targetKind, List<Action> actions) {
        this.metricName = metricName;
        this.targetKind = targetKind;
        this.actions = actions;
    }

    public String metricName() {
        return metricName;
    }

    public NodeKind targetKind() {
        return targetKind;
    }

    public List<Action> actions() {
        return actions;
    }

    public Action[] actionArray() {
        return actions.toArray(Action[]::new);
    }

    public static LinkTask parse(String value) {
        for (LinkTask task : values()) {
            if (task.metricName.equalsIgnoreCase(value) || task.name().equalsIgnoreCase(value)) {
                return task;
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "unknown task '%s': expected user_post or user_business", value));
    }
}
