package io.marketgraph.build.graph;

import io.marketgraph.model.Action;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Time-decayed edge weights: an edge's weight is the sum over its events of
 * {@code actionWeight(action) * 0.5^((tRef - ts) / halfLife)}, where {@code tRef} is the latest
 * accepted event's time (so a rebuild of the same input gives the same weights, whatever the wall
 * clock). An event one half-life older than the newest counts half as much.
 *
 * <p>The decay has a floor, {@link #MIN_DECAY} = 1e-6: an event more than log2(1e6), about 19.9
 * half-lives older than the reference (20 months at the default 30 days) counts one millionth of a
 * fresh one, not less. Without it a long history underflows: a 22-year log at 30 days gives factors
 * near 1e-80, which the next stages' float32 weights read as 0 and refuse. With it every edge weight
 * of positive action weights is at least 1e-6 x the smallest of them, a normal float32.
 *
 * <p>Tuning: a short half-life favours recent intent (good for "what is this user shopping for
 * now"), a long one favours stable tastes. The action weights rank intent; raise PURCHASE and CHAT
 * relative to VIEW to make the graph follow transactions rather than browsing.
 */
public final class EdgeWeighting implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final double DEFAULT_HALF_LIFE_DAYS = 30.0;
    /** The smallest decay factor an event gets, however old (see the class comment). */
    public static final double MIN_DECAY = 1e-6;
    private static final double DAY_MILLIS = 86_400_000.0;

    private final double[] weights;
    private final double halfLifeMillis;

    public EdgeWeighting(Map<Action, Double> overrides, double halfLifeDays) {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--half-life-days must be a finite number > 0, got %s", halfLifeDays));
        }
        weights = new double[Action.values().length];
        for (Action a : Action.values()) {
            double w = overrides.getOrDefault(a, a.defaultWeight());
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "--weight %s must be a finite number >= 0, got %s", a, w));
            }
            weights[a.ordinal()] = w;
        }
        halfLifeMillis = halfLifeDays * DAY_MILLIS;
    }

    public static EdgeWeighting defaults() {
        return new EdgeWeighting(Map.of(), DEFAULT_HALF_LIFE_DAYS);
    }

    /** Parses {@code ACTION=W} as given to {@code --weight}. */
    public static Map.Entry<Action, Double> parseOverride(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--weight expects ACTION=W (e.g. VIEW=0.5), got '" + text + "'");
        }
        Action action = Action.parse(text.substring(0, eq));
        try {
            return Map.entry(action, Double.parseDouble(text.substring(eq + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--weight " + action + " must be a number, got '" + text.substring(eq + 1) + "'");
        }
    }

    public double actionWeight(Action action) {
        return weights[action.ordinal()];
    }

    /** Action weights indexed by {@link Action#ordinal()}. */
    public double[] actionWeights() {
        return weights.clone();
    }

    public double halfLifeMillis() {
        return halfLifeMillis;
    }

    /** One event's contribution to its edge. */
    public double weight(Action action, long ts, long tRef) {
        return weights[action.ordinal()] * Math.max(MIN_DECAY, Math.pow(0.5, (tRef - ts) / halfLifeMillis));
    }

    public Map<String, Double> describe() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Action a : Action.values()) {
            m.put(a.name(), weights[a.ordinal()]);
        }
        return m;
    }
}
