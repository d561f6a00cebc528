package org.medledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a run's results: appended to {@code load.csv}, and a Markdown table per run plus
 * {@code LATEST.md}, which also shows create throughput of each configuration as a ratio to the
 * plain one (ledger and encryption off), from the latest row of each label in the CSV.
 */
final class BenchReport {

    private final Path dir;

    BenchReport(Path dir) {
        this.dir = dir;
    }

    void write(List<ScenarioResult> results) throws IOException {
        String timestamp = LoadGenerator.timestamp();
        String commit = commit();
        int cores = Runtime.getRuntime().availableProcessors();
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
        List<String> rows = new ArrayList<>();
        for (ScenarioResult result : results) {
            rows.add(result.csvRow(timestamp, commit, cores, jvm));
        }
        Path csv = dir.resolve("load.csv");
        LoadGenerator.append(csv, ScenarioResult.csvHeader(), rows);

        StringBuilder md = new StringBuilder();
        md.append("# Load run ").append(timestamp).append("\n\n");
        md.append("Machine: ").append(cores).append(" cores, ").append(jvm).append(", commit ").append(commit)
                .append(".\n\n");
        md.append("| configuration | scenario | threads | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | notes |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (ScenarioResult result : results) {
            md.append(result.markdownRow()).append('\n');
        }
        md.append('\n').append(ratios(Files.readAllLines(csv, StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("load-" + timestamp + ".md"), md.toString());
        Files.writeString(dir.resolve("LATEST.md"), md.toString());
        System.out.println();
        System.out.println(md);
    }

    /** Create throughput per configuration, latest run of each, as a ratio to "plain". */
    static String ratios(List<String> csvLines) {
        Map<String, Double> createThroughput = new LinkedHashMap<>();
        for (String line : csvLines.subList(Math.min(1, csvLines.size()), csvLines.size())) {
            String[] f = line.split(",", -1);
            if (f.length > 10 && f[5].equals("create-observation") && !f[7].equals("0")) {
                createThroughput.put(f[4], Double.parseDouble(f[10]));
            }
        }
        Double plain = createThroughput.get("plain");
        if (createThroughput.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("## Create throughput by configuration (latest run of each)\n\n");
        out.append("| configuration | creates/s | vs plain (no ledger, no encryption) |\n|---|---:|---:|\n");
        createThroughput.forEach((label, throughput) -> out.append("| ").append(label).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", throughput)).append(" | ")
                .append(plain == null ? "–" : String.format(Locale.ROOT, "%.2f", throughput / plain)).append(" |\n"));
        return out.toString();
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
