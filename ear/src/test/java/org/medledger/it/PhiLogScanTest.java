package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhiLogScanTest {

    private static final Instant BUILD_START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path target;

    @Test
    void findsARecordedNameInAServerLogWhateverItsCase() throws Exception {
        Path ledger = ledger("Headers-123456\nSYN-998877665544\n");
        log("wildfly/standalone/log/server.log", "INFO started\nWARN could not index family=headers-123456 x\n");
        log("hospital-b/log/server.log.2026-01-02", "ERROR identifier urn%3Asys%7CSYN-998877665544\n");
        log("failsafe-reports/SomeIT-output.log", "Headers-123456 in a test's own output is not a server log\n");

        List<String> findings = PhiLogScan.scan(ledger, BUILD_START, target, false);

        assertEquals(2, findings.size(), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("server.log:2 [headers-123456]")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("server.log.2026-01-02:1 [syn-998877665544]")),
                findings.toString());
    }

    @Test
    void passesOnlyWhenTheLogsWereReadAndHoldNone() throws Exception {
        Path ledger = ledger("Headers-123456\n");
        log("wildfly/standalone/log/server.log", "INFO Patient/abc created\n");
        assertEquals(List.of(), PhiLogScan.scan(ledger, BUILD_START, target, false));
    }

    @Test
    void refusesToPassWhenNoPatientWasRecorded() throws Exception {
        log("wildfly/standalone/log/server.log", "INFO started\n");
        assertThrows(IllegalStateException.class,
                () -> PhiLogScan.scan(target.resolve("missing.txt"), BUILD_START, target, false));
        assertThrows(IllegalStateException.class, () -> PhiLogScan.scan(ledger(""), BUILD_START, target, false));
    }

    @Test
    void refusesToPassWhenNoServerLogWasWrittenDuringTheBuild() throws Exception {
        Path ledger = ledger("Headers-123456\n");
        assertThrows(IllegalStateException.class, () -> PhiLogScan.scan(ledger, BUILD_START, target, false));
        Path old = log("wildfly/standalone/log/server.log", "headers-123456 from a run long ago\n");
        Files.setLastModifiedTime(old, FileTime.from(BUILD_START.minusSeconds(3600)));
        log("it-chain.log", "a chain log is not a server log\n");
        assertThrows(IllegalStateException.class, () -> PhiLogScan.scan(ledger, BUILD_START, target, false));
    }

    private Path ledger(String content) throws Exception {
        return Files.writeString(target.resolve("it-synthetic-phi.txt"), content);
    }

    private Path log(String relative, String content) throws Exception {
        Path log = target.resolve(relative);
        Files.createDirectories(log.getParent());
        return Files.writeString(log, content);
    }
}
