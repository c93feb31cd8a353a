package io.marketgraph.linkpred.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a candidate model may replace the serving one. Every gated metric is
 * higher-is-better and on a 0..1 scale; a drop is measured in percentage points (0.01 = 1 pp).
 * A drop of {@code warnDrop} or more in any gated metric warns; {@code refuseDrop} or more refuses.
 * The production policy is 1 pp / 3 pp ({@link #DEFAULT}).
 */
public record PromotionGate(double warnDrop, double refuseDrop) {

    public static final PromotionGate DEFAULT = new PromotionGate(0.01, 0.03);

    /** Half a floating-point hair: a drop of exactly 1 pp is 1 pp, not 0.99999999 pp. */
    private static final double EPS = 1e-9;

    public enum Verdict { PROMOTE, WARN, REFUSE }

    /** How one gated metric moved. */
    public record Change(String metric, double current, double candidate, Verdict verdict) {
        public double deltaPoints() {
            return 100 * (candidate - current);
        }
    }

    /** The gate's answer, with every gated metric's change. */
    public record Decision(Verdict verdict, List<Change> changes, List<String> messages) {
        public boolean promotes() {
            return verdict != Verdict.REFUSE;
        }

        /** Both decisions: the worse verdict, all changes and messages. */
        public Decision and(Decision other) {
            List<Change> c = new ArrayList<>(changes);
            c.addAll(other.changes);
            List<String> m = new ArrayList<>(messages);
            m.addAll(other.messages);
            return new Decision(verdict.ordinal() >= other.verdict.ordinal() ? verdict : other.verdict, c, m);
        }
    }

    /** A task's candidate metric next to the best classic baseline's in the same report. */
    public record BaselineComparison(String task, String metric, double model, String baseline, double best) {}

    /**
     * Refuses a candidate whose metric is {@code refuseGap} (0.03 = 3 pp) or more below the best
     * baseline's in the same report, as a regression against the serving model would be: a model
     * that loses to popularity never serves. {@code refuseGap} 0 switches the check off.
     */
    public static Decision versusBaselines(List<BaselineComparison> comparisons, double refuseGap) {
        List<String> messages = new ArrayList<>();
        if (refuseGap <= 0 || comparisons.isEmpty()) {
            return new Decision(Verdict.PROMOTE, List.of(), messages);
        }
        Verdict worst = Verdict.PROMOTE;
        for (BaselineComparison c : comparisons) {
            double gap = c.best() - c.model();
            if (gap >= refuseGap - EPS) {
                worst = Verdict.REFUSE;
                messages.add(String.format(Locale.ROOT,
                        "%s.%s is %.2f pp below the best baseline %s (%.4f < %.4f): refused at >= %.0f pp",
                        c.task(), c.metric(), 100 * gap, c.baseline(), c.model(), c.best(), 100 * refuseGap));
            }
        }
        return new Decision(worst, List.of(), messages);
    }

    public PromotionGate {
        if (!(warnDrop > 0) || !(refuseDrop >= warnDrop)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "need 0 < warnDrop <= refuseDrop, got warnDrop=%s refuseDrop=%s", warnDrop, refuseDrop));
        }
    }

    /**
     * Compares the candidate's metrics with the serving model's.
     *
     * @param current   the serving model's metrics, or {@code null} when nothing serves yet (promote)
     * @param gated     the metric names that gate; a gated metric missing from the candidate refuses
     */
    public Decision decide(Map<String, Double> current, Map<String, Double> candidate, Set<String> gated) {
        List<Change> changes = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        if (current == null) {
            messages.add("no serving model: the candidate is promoted");
            return new Decision(Verdict.PROMOTE, changes, messages);
        }
        Verdict worst = Verdict.PROMOTE;
        for (String metric : new TreeSet<>(gated)) {
            Double now = current.get(metric);
            Double next = candidate.get(metric);
            if (next == null || next.isNaN()) {
                messages.add("gated metric " + metric + " is missing from the candidate's evaluation");
                worst = Verdict.REFUSE;
                continue;
            }
            if (now == null || now.isNaN()) {
                messages.add("gated metric " + metric + " is new (the serving model has none): not compared");
                continue;
            }
            double drop = now - next;
            Verdict verdict = drop >= refuseDrop - EPS ? Verdict.REFUSE : drop >= warnDrop - EPS ? Verdict.WARN : Verdict.PROMOTE;
            changes.add(new Change(metric, now, next, verdict));
            if (verdict != Verdict.PROMOTE) {
                messages.add(String.format(Locale.ROOT, "%s dropped %.2f pp (%.4f -> %.4f): %s at >= %.0f pp",
                        metric, 100 * drop, now, next, verdict == Verdict.REFUSE ? "refused" : "warning",
                        100 * (verdict == Verdict.REFUSE ? refuseDrop : warnDrop)));
            }
            if (verdict.ordinal() > worst.ordinal()) {
                worst = verdict;
            }
        }
        return new Decision(worst, changes, messages);
    }
}
