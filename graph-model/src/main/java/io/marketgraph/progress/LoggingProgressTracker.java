package io.marketgraph.progress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Prints {@code embed :: walks 40% (4,000,000/10,000,000) 1.2M/s ETA 00:01:12} at most once per
 * {@code step} percent or per {@code interval}, whichever comes first, and a closing line per stage.
 */
public final class LoggingProgressTracker implements ProgressTracker {

    private final String job;
    private final Consumer<String> sink;
    private final LongSupplier nanoClock;
    private final double stepPercent;
    private final long intervalNanos;
    private final Map<String, Double> seconds = Collections.synchronizedMap(new LinkedHashMap<>());

    public LoggingProgressTracker(String job, Consumer<String> sink) {
        this(job, sink, System::nanoTime, 5.0, 30_000_000_000L);
    }

    public LoggingProgressTracker(String job, Consumer<String> sink, LongSupplier nanoClock,
                                  double stepPercent, long intervalNanos) {
        this.job = job;
        this.sink = sink;
        this.nanoClock = nanoClock;
        this.stepPercent = stepPercent;
        this.intervalNanos = intervalNanos;
    }

    /** A tracker printing to standard error, which keeps standard output for results. */
    public static LoggingProgressTracker toStderr(String job) {
        return new LoggingProgressTracker(job, System.err::println);
    }

    @Override
    public Stage stage(String name, long volume) {
        return new LoggingStage(name, volume);
    }

    @Override
    public Map<String, Double> stageSeconds() {
        synchronized (seconds) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(seconds));
        }
    }

    private final class LoggingStage implements Stage {
        private final String name;
        private final long volume;
        private final long start = nanoClock.getAsLong();
        private final AtomicLong done = new AtomicLong();
        private long lastPrintNanos = start;
        private double lastPrintPercent;
        private boolean closed;

        LoggingStage(String name, long volume) {
            this.name = name;
            this.volume = volume;
            sink.accept(String.format(Locale.ROOT, "%s :: %s started%s", job, name,
                    volume > 0 ? String.format(Locale.ROOT, " (%,d units)", volume) : ""));
        }

        @Override
        public void advance(long units) {
            long now = done.addAndGet(units);
            long t = nanoClock.getAsLong();
            double percent = volume > 0 ? 100.0 * now / volume : 0;
            synchronized (this) {
                boolean stepReached = volume > 0 && percent - lastPrintPercent >= stepPercent;
                boolean intervalReached = t - lastPrintNanos >= intervalNanos;
                if (closed || !(stepReached || intervalReached)) {
                    return;
                }
                lastPrintNanos = t;
                lastPrintPercent = percent;
            }
            sink.accept(line(now, t));
        }

        private String line(long now, long t) {
            double elapsed = (t - start) / 1e9;
            double rate = elapsed > 0 ? now / elapsed : 0;
            if (volume <= 0) {
                return String.format(Locale.ROOT, "%s :: %s %,d %s/s %s", job, name, now, human(rate), clock(elapsed));
            }
            double eta = rate > 0 ? Math.max(0, volume - now) / rate : Double.NaN;
            return String.format(Locale.ROOT, "%s :: %s %d%% (%,d/%,d) %s/s ETA %s",
                    job, name, Math.min(100, (int) (100.0 * now / volume)), now, volume, human(rate), clock(eta));
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            double elapsed = (nanoClock.getAsLong() - start) / 1e9;
            seconds.put(name, elapsed);
            long n = done.get();
            sink.accept(String.format(Locale.ROOT, "%s :: %s done in %s%s", job, name, clock(elapsed),
                    n > 0 ? String.format(Locale.ROOT, " (%,d units, %s/s)", n, human(elapsed > 0 ? n / elapsed : 0)) : ""));
        }
    }

    static String human(double rate) {
        if (rate >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", rate / 1e6);
        }
        if (rate >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", rate / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", rate);
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--:--";
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
