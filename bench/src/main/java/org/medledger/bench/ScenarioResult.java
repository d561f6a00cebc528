package org.medledger.bench;

import java.util.Locale;
import java.util.Map;

/** One scenario's figures from one run against one server configuration. */
record ScenarioResult(String label, String scenario, int threads, long requests, long errors, double seconds,
                      long p50Micros, long p95Micros, long p99Micros, long maxMicros, Map<String, Long> errorKinds,
                      String note) {

    double throughput() {
        return seconds == 0 ? 0 : (requests - errors) / seconds;
    }

    static String csvHeader() {
        return "timestamp,commit,cores,jvm,label,scenario,threads,requests,errors,seconds,throughput_per_s,"
                + "p50_ms,p95_ms,p99_ms,max_ms,note";
    }

    String csvRow(String timestamp, String commit, int cores, String jvm) {
        return String.join(",", timestamp, commit, Integer.toString(cores), jvm.replace(',', ' '), label, scenario,
                Integer.toString(threads), Long.toString(requests), Long.toString(errors),
                String.format(Locale.ROOT, "%.2f", seconds), String.format(Locale.ROOT, "%.1f", throughput()),
                ms(p50Micros), ms(p95Micros), ms(p99Micros), ms(maxMicros), note == null ? "" : note.replace(',', ';'));
    }

    String markdownRow() {
        if (note != null && requests == 0) {
            return "| " + label + " | " + scenario + " | " + threads + " | – | – | – | – | – | – | – | " + note + " |";
        }
        return "| " + label + " | " + scenario + " | " + threads + " | " + requests + " | " + errors + " | "
                + String.format(Locale.ROOT, "%.1f", throughput()) + " | " + ms(p50Micros) + " | " + ms(p95Micros)
                + " | " + ms(p99Micros) + " | " + ms(maxMicros) + " | "
                + (errorKinds.isEmpty() ? (note == null ? "" : note) : errorKinds.toString()) + " |";
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }
}
