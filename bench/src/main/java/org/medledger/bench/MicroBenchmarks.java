package org.medledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH micro-benchmarks (1 fork, 3 warm-up and 5 measured iterations of 1 s) and writes
 * {@code micro-<timestamp>.md} and {@code LATEST-micro.md}.
 */
public final class MicroBenchmarks {

    private MicroBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results");
        Options options = new OptionsBuilder()
                .include("org\\.medledger\\.bench\\.micro\\..*")
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<String> rows = new ArrayList<>();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            String params = result.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + result.getParams().getParam(k)).reduce((a, b) -> a + ", " + b).orElse("");
            var statistics = primary.getStatistics();
            boolean sampled = result.getParams().getMode() == Mode.SampleTime;
            rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | ± %.3f | %s | %s | %s |",
                    result.getParams().getBenchmark().replace("org.medledger.bench.micro.", ""), params,
                    result.getParams().getMode().shortLabel(), primary.getScore(), primary.getScoreError(),
                    sampled ? String.format(Locale.ROOT, "%.0f", statistics.getPercentile(50)) : "–",
                    sampled ? String.format(Locale.ROOT, "%.0f", statistics.getPercentile(99)) : "–",
                    primary.getScoreUnit()));
        }
        String md = "# Micro-benchmarks " + LoadGenerator.timestamp() + "\n\n"
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + "; JMH 1 fork, 3 × 1 s warm-up, 5 × 1 s measured "
                + "(avgt: average time per operation; sample: every call timed, mean with p50 and p99; "
                + "the error is JMH's 99.9% interval).\n\n"
                + "| benchmark | parameters | mode | score | error | p50 | p99 | unit |\n"
                + "|---|---|---|---:|---:|---:|---:|---|\n"
                + String.join("\n", rows) + "\n";
        Files.createDirectories(out);
        Files.writeString(out.resolve("micro-" + LoadGenerator.timestamp() + ".md"), md);
        Files.writeString(out.resolve("LATEST-micro.md"), md);
        System.out.println(md);
    }
}
