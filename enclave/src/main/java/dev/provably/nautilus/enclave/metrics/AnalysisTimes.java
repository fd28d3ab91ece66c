package dev.provably.nautilus.enclave.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each analysis takes, keyed by the analyzer's name, for {@code /health}: the count since
 * start and p50/p99 over the most recent {@value #WINDOW} runs (a fixed window, so memory stays
 * bounded and the figures follow the current load). Names come from the enclave's own code, never
 * from a caller.
 */
public final class AnalysisTimes {
    static final int WINDOW = 1024;

    /** One analyzer's figures. */
    public record Summary(long count, double p50Millis, double p99Millis) {}

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public void record(String analyzer, Duration elapsed) {
        windows.computeIfAbsent(analyzer, name -> new Window()).add(elapsed.toNanos());
    }

    /** Every analyzer recorded so far, by name. */
    public Map<String, Summary> snapshot() {
        Map<String, Summary> result = new TreeMap<>();
        windows.forEach((name, window) -> result.put(name, window.summary()));
        return result;
    }

    /** A ring of the latest durations. */
    private static final class Window {
        private final long[] nanos = new long[WINDOW];
        private long count;

        synchronized void add(long value) {
            nanos[(int) (count % WINDOW)] = value;
            count++;
        }

        synchronized Summary summary() {
            long[] sorted = Arrays.copyOf(nanos, (int) Math.min(count, WINDOW));
            Arrays.sort(sorted);
            return new Summary(count, percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        /** Nearest-rank percentile in milliseconds; 0 with no samples. */
        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
        }
    }
}
