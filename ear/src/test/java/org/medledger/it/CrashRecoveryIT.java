package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final Pattern LOCATION_ID = Pattern.compile("/Observation/([^/]+)/_history/");
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
            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicLong refused = new AtomicLong();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread writer = new Thread(() -> write(server, patient, writing, acknowledged, refused), "writer-" + t);
                writer.start();
                writers.add(writer);
            }
            try {
                for (int kill = 1; kill <= KILLS; kill++) {
                    boolean pending = kill == 2 || kill == 4;
                    Thread.sleep(1500 + random.nextInt(4000));
                    if (pending) {
                        mining(false); // the next anchor transaction is sent but not mined...
                        Thread.sleep(1500);
                    }
                    server.kill9(); // ...when the server dies
                    System.out.printf("kill %d%s after %d acknowledged writes%n", kill,
                            pending ? " (anchor transaction unmined)" : "", acknowledged.size());
                    if (pending) {
                        mining(true);
                    }
                    server.start();
                }
                Thread.sleep(2000);
            } finally {
                writing.set(false);
                for (Thread writer : writers) {
                    writer.join();
                }
                mining(true);
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
            assertAnchoredExactlyOnce(dbUrl);
            System.out.printf("crash test: %d kills, %d acknowledged writes checked, %d refused while down%n",
                    KILLS, acknowledged.size(), refused.get());
        }
    }

    private void write(StandaloneServer server, String patient, AtomicBoolean writing, Queue<String> acknowledged,
                       AtomicLong refused) {
        int n = 0;
        while (writing.get()) {
            String body = """
                    {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org",
                     "code":"8867-4"}]},"subject":{"reference":"Patient/%s"},
                     "valueQuantity":{"value":%d,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}"""
                    .formatted(patient, 40 + (n++ % 100));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                                + "/fhir/Observation")).header("Content-Type", "application/fhir+json")
                        .header("Prefer", "return=minimal").timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    Matcher id = LOCATION_ID.matcher(response.headers().firstValue("Location").orElse(""));
                    assertTrue(id.find(), "Location of a 2xx create");
                    acknowledged.add(id.group(1));
                } else {
                    refused.incrementAndGet();
                }
            } catch (Exception down) {
                refused.incrementAndGet();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
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

    /** The Hardhat node itself (not the link the servers use): pause or resume block production. */
    private void mining(boolean on) throws Exception {
        String node = "http://127.0.0.1:" + System.getProperty("medledger.it.chain.node.port");
        rpc(node, "evm_setAutomine", "[" + on + "]");
        if (on) {
            rpc(node, "evm_mine", "[]");
        }
    }

    private JsonNode rpc(String url, String method, String params) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = FhirHttp.JSON.readTree(response.body());
        assertTrue(!body.has("error"), method + ": " + response.body());
        return body.path("result");
    }

    /**
     * One leaf per record version, all anchored; the chain holds exactly one Anchored event per confirmed batch
     * (same roots), and the events' leaf counts add up to the number of versions.
     */
    private void assertAnchoredExactlyOnce(String dbUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(dbUrl, "sa", "sa"); Statement sql = db.createStatement()) {
            long versions = single(sql, "SELECT COUNT(*) FROM record_version");
            assertEquals(versions, single(sql, "SELECT COUNT(*) FROM anchor_leaf"), "one leaf per version");
            assertEquals(versions, single(sql, "SELECT COUNT(*) FROM anchor_leaf WHERE state = 'ANCHORED'"));
            long confirmed = single(sql, "SELECT COUNT(*) FROM anchor_batch WHERE state = 'CONFIRMED'");
            assertEquals(single(sql, "SELECT COUNT(*) FROM anchor_batch"), confirmed, "no batch left unconfirmed");
            String anchor;
            try (ResultSet rs = sql.executeQuery(
                    "SELECT address FROM deployed_contract WHERE contract_name = 'RecordAnchor'")) {
                assertTrue(rs.next());
                anchor = rs.getString(1);
            }
            String topic = "0x" + org.bouncycastle.util.encoders.Hex.toHexString(keccak(
                    "Anchored(bytes32,bytes32,address,uint32)"));
            JsonNode logs = rpc(System.getProperty("medledger.it.rpc-url"), "eth_getLogs",
                    FhirHttp.JSON.writeValueAsString(List.of(Map.of("address", anchor, "fromBlock", "0x0",
                            "toBlock", "latest", "topics", List.of(topic)))));
            assertEquals(confirmed, logs.size(), "one Anchored event per confirmed batch, none twice");
            long leaves = 0;
            for (JsonNode log : (ArrayNode) logs) {
                leaves += Long.parseLong(log.path("data").asText().substring(2), 16);
            }
            assertEquals(versions, leaves, "every version counted once on chain");
        }
    }

    private static long single(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] keccak(String text) {
        org.bouncycastle.jcajce.provider.digest.Keccak.Digest256 digest =
                new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
        return digest.digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
