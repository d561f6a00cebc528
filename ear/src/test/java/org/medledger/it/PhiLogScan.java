package org.medledger.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * After the whole in-server suite (both database passes, every server stopped): no log any test server wrote may
 * contain a name or identifier of the synthetic patients the tests sent it. The build runs this in
 * {@code post-integration-test}; it fails when it finds one, and also when it could not have found one: no
 * recorded names, or no server log written during this build.
 *
 * <p>Arguments: the file {@link SyntheticPatients} recorded to, the build's start (ISO-8601), the directory to search
 * (every {@code *.log} file and rotated {@code *.log.*} file below it, test reports excepted), and the failsafe test
 * filter ({@code it.test}) when a subset of the tests ran, and {@code skipTests}.
 */
public final class PhiLogScan {

    private PhiLogScan() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 4 && Boolean.parseBoolean(args[4])) {
            System.out.println("[phi-log-scan] skipped: -DskipTests ran no test server");
            return;
        }
        Path ledger = Path.of(args[0]);
        Instant buildStart = Instant.parse(args[1]);
        Path root = Path.of(args[2]);
        boolean subset = args.length > 3 && args[3] != null && !args[3].isBlank() && !args[3].startsWith("${");
        List<String> findings = scan(ledger, buildStart, root, subset);
        if (!findings.isEmpty()) {
            throw new IllegalStateException("Synthetic patient data found in server logs (" + findings.size()
                    + "):\n  " + String.join("\n  ", findings));
        }
    }

    /** The findings, one line each; throws when the scan could not have found anything. */
    static List<String> scan(Path ledger, Instant buildStart, Path root, boolean subset) throws IOException {
        Set<String> phi = recorded(ledger);
        if (phi.isEmpty()) {
            String why = "No synthetic patient names or identifiers were recorded in " + ledger
                    + ": the log scan would check nothing";
            if (!subset) {
                throw new IllegalStateException(why + ". Tests must take patients from SyntheticPatients.");
            }
            System.out.println("[phi-log-scan] WARNING " + why + " (only the chosen tests ran).");
            return List.of();
        }
        List<Path> logs = logs(root);
        FileTime start = FileTime.from(buildStart);
        if (logs.stream().noneMatch(log -> log.getFileName().toString().startsWith("server.log")
                && modifiedSince(log, start))) {
            throw new IllegalStateException("No WildFly server.log under " + root + " was written during this build ("
                    + logs.size() + " other logs found): nothing to scan");
        }
        List<String> findings = new ArrayList<>();
        for (Path log : logs) {
            findings.addAll(findings(log, phi));
        }
        System.out.println("[phi-log-scan] " + phi.size() + " synthetic names and identifiers, " + logs.size()
                + " log files (" + logs.stream().mapToLong(PhiLogScan::size).sum() / 1024 + " KiB): "
                + (findings.isEmpty() ? "none found" : findings.size() + " found"));
        return findings;
    }

    private static Set<String> recorded(Path ledger) throws IOException {
        Set<String> phi = new TreeSet<>();
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    phi.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return phi;
    }

    private static List<Path> logs(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.log(\\..*)?"))
                    .filter(f -> !isTestReport(root.relativize(f)))
                    .sorted().toList();
        }
    }

    private static boolean isTestReport(Path relative) {
        String first = relative.getName(0).toString();
        return first.startsWith("failsafe-reports") || first.startsWith("surefire") || first.equals("test-classes")
                || relative.toString().contains("node_modules");
    }

    private static List<String> findings(Path log, Set<String> phi) throws IOException {
        List<String> findings = new ArrayList<>();
        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).toLowerCase(Locale.ROOT);
            for (String value : phi) {
                if (line.contains(value)) {
                    String text = lines.get(i).strip();
                    findings.add(log + ":" + (i + 1) + " [" + value + "] "
                            + (text.length() > 240 ? text.substring(0, 240) + "..." : text));
                }
            }
        }
        return findings;
    }

    private static boolean modifiedSince(Path file, FileTime start) {
        try {
            return Files.getLastModifiedTime(file).compareTo(start) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
