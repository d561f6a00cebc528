package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Crash under load: writers post observations at full speed while the server is SIGKILLed at random moments, five
 * times, twice while an anchor transaction sits unmined (mining paused) so the kill lands between send and receipt.
 * After each restart on the same data: every write that was answered 2xx is readable, verifies as matched, and is
 * anchored exactly once (one leaf per version, one on-chain Anchored event per confirmed batch, every leaf counted
 * once in those events). Runs its own WildFly process (port offset 300) on H2; the Arquillian suite covers PostgreSQL.
 */
class CrashRecoveryIT {

    private static final int KILLS = 5;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcknowledgedWriteSurvivesFiveKillsAndIsAnchoredExactlyOnce() throws Exception {
        Assumptions.assumeTrue("h2".equals(System.getProperty("medledger.it.db.driver")),
                "the crash test runs once, in the H2 pass");
        ChainLink.up();
        Path base = Path.of(System.getProperty("medledger.it.data-dir")).resolveSibling("crash-server");
        String dbUrl = "jdbc:h2:file:" + base.resolve("data/db/medledger") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("crash test seed " + seed);
        try (StandaloneServer server = new StandaloneServer(base, 300, List.of(
                "-Dmedledger.data.dir=" + base.resolve("data"),
                "-Dmedledger.db.url=" + dbUrl,
                "-Dmedledger.ledger.rpc-url=" + System.getProperty("medledger.it.rpc-url"),
                "-Dmedledger.keystore.password=integration-test-only",
                "-Dmedledger.anchor.interval-ms=500",
                "-Dmedledger.hospital.name=Crash-Test-Hospital",
                "-Dmedledger.fhir.validation=off",
                "-Dmedledger.fhir.anonymous-access=true"))) {
            server.start();
            String patient = createPatient(server);
            ObservationLoad load = ObservationLoad.start(List.of(server.baseUrl()), patient, 4);
            Queue<String> acknowledged = load.acknowledged();
            try {
                for (int kill = 1; kill <= KILLS; kill++) {
                    boolean pending = kill == 2 || kill == 4;
                    Thread.sleep(1500 + random.nextInt(4000));
                    if (pending) {
                        ChainAudit.mining(false); // the next anchor transaction is sent but not mined...
                        Thread.sleep(1500);
                    }
                    server.kill9(); // ...when the server dies
                    System.out.printf("kill %d%s after %d acknowledged writes%n", kill,
                            pending ? " (anchor transaction unmined)" : "", acknowledged.size());
                    if (pending) {
                        ChainAudit.mining(true);
                    }
                    server.start();
                }
                Thread.sleep(2000);
            } finally {
                load.stop();
                ChainAudit.mining(true);
            }
            assertTrue(acknowledged.size() > 100, "the load ran: " + acknowledged.size());
            awaitEmptyBacklog(server);

            for (String id : acknowledged) {
                HttpResponse<String> read = get(server, "/fhir/Observation/" + id);
                assertEquals(200, read.statusCode(), "acknowledged write Observation/" + id + " is readable");
                JsonNode verification = FhirHttp.JSON.readTree(get(server, "/fhir/Observation/" + id + "/$verify").body());
                String result = FhirHttp.parameters(verification.toString()).get("result").path("valueCode").asText();
                assertEquals("matched", result, "Observation/" + id + " verifies against the chain");
            }
            ChainAudit.assertAnchoredExactlyOnce(dbUrl, "sa", "sa");
            System.out.printf("crash test: %d kills, %d acknowledged writes checked, %d refused while down%n",
                    KILLS, acknowledged.size(), load.refused());
        }
    }

    private String createPatient(StandaloneServer server) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/fhir/Patient"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(SyntheticPatients.json("Crashpatient"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        Matcher id = Pattern.compile("/Patient/([^/]+)/_history/").matcher(created.headers().firstValue("Location")
                .orElseThrow());
        assertTrue(id.find());
        return id.group(1);
    }

    private HttpResponse<String> get(StandaloneServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Accept",
                "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitEmptyBacklog(StandaloneServer server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        long backlog = -1;
        while (System.nanoTime() < deadline) {
            JsonNode health = FhirHttp.JSON.readTree(get(server, "/portal/health").body());
            backlog = health.path("anchoring").path("backlog").asLong(-1);
            if (backlog == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("anchoring backlog still " + backlog + " after 240 s");
    }
}
