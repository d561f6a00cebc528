package org.medledger.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** Collects request latencies (microseconds) and outcomes from many threads; percentiles by sorting. */
final class LatencyRecorder {

    private long[] micros = new long[1 << 16];
    private int count;
    private final Map<String, Long> errors = new TreeMap<>();
    private final AtomicLong done = new AtomicLong();

    synchronized void record(long latencyMicros) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, micros.length * 2);
        }
        micros[count++] = latencyMicros;
        done.incrementAndGet();
    }

    synchronized void error(String kind) {
        errors.merge(kind, 1L, Long::sum);
        done.incrementAndGet();
    }

    long done() {
        return done.get();
    }

    synchronized long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    synchronized int successes() {
        return count;
    }

    /** The p-th percentile (0 &lt; p &le; 100) in microseconds, nearest-rank; 0 when empty. */
    synchronized long percentile(double p) {
        return percentile(Arrays.copyOf(micros, count), p);
    }

    static long percentile(long[] values, double p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
