package org.medledger.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Invented patients for tests: obviously synthetic names, no real or real-looking identifiers. Every name and
 * identifier handed out is appended to the file named by {@code medledger.it.synthetic-phi-file}, which the build
 * scans the servers' logs for after the whole suite ({@link PhiLogScan}).
 */
final class SyntheticPatients {

    private static final String LEDGER = System.getProperty("medledger.it.synthetic-phi-file");

    private SyntheticPatients() {
    }

    static String json(String familyPrefix) {
        return """
                {"resourceType":"Patient","name":[{"family":"%s","given":["Synthetic"]}],
                 "gender":"unknown","birthDate":"1970-01-01"}""".formatted(family(familyPrefix));
    }

    /** A family name no other test run uses, recorded for the log scan. */
    static String family(String prefix) {
        return recorded(prefix + "-" + System.nanoTime() % 1_000_000);
    }

    /** A patient identifier value no other test run uses, recorded for the log scan. */
    static String identifier(String prefix) {
        return recorded(prefix + "-" + System.nanoTime());
    }

    /** Records a name or identifier a test made up itself, so the log scan looks for it too. */
    static synchronized String recorded(String phi) {
        if (phi.length() < 6) {
            throw new IllegalArgumentException("too short to scan logs for without false alarms: " + phi);
        }
        if (LEDGER != null) {
            try {
                Files.writeString(Path.of(LEDGER), phi + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return phi;
    }
}
