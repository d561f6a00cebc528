package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One hospital outgrows one server: two WildFly nodes share one PostgreSQL database, one key store and one chain,
 * with writes spread over both. Only the holder of the sender lease sends the hospital's chain transactions, so
 * every version is anchored exactly once and nonces never collide; a revocation taken at one node holds at the
 * other before it is mined; and when the sending node is SIGKILLed under load, the other takes over and nothing
 * acknowledged is lost. Runs in the PostgreSQL pass, on a database of its own in the test run's PostgreSQL.
 */
class TwoNodesIT {

    private static final String DATABASE = "medledger_two_nodes";

    @Test
    void twoNodesOnOneDatabaseAnchorEveryVersionOnceAgreeOnConsentAndSurviveTheSendersKill() throws Exception {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("medledger.it.db.driver")),
                "two application nodes share a PostgreSQL database");
        ChainLink.up();
        String dbUrl = createDatabase();
        Path base = Path.of(System.getProperty("medledger.it.data-dir")).resolveSibling("two-nodes");
        try (StandaloneServer one = node(base, "node-1", 400, dbUrl);
             StandaloneServer two = node(base, "node-2", 500, dbUrl)) {
            one.start();
            FhirHttp atOne = new FhirHttp(one.baseUrl());
            String patient = atOne.create("Patient", ConsentFixtures.patientWithSharedIdentifier());
            assertEquals("matched", FhirHttp.result(atOne.awaitVerification("Patient", patient)));
            // The second node of the same hospital: the same key-encryption keys, blind-index key and chain account.
            StandaloneServer.copyTree(base.resolve("node-1/data/keys"), base.resolve("node-2/data/keys"));
            two.start();
            FhirHttp atTwo = new FhirHttp(two.baseUrl());
            assertEquals(200, atTwo.get("/fhir/Patient/" + patient).statusCode(), "node 2 reads what node 1 wrote");

            consentChangesHoldAtBothNodes(atOne, atTwo, patient);

            ObservationLoad load = ObservationLoad.start(List.of(one.baseUrl(), two.baseUrl()), patient, 4);
            Queue<String> acknowledged = load.acknowledged();
            String sender;
            try {
                Thread.sleep(6000);
                sender = leaseHolder(dbUrl);
                StandaloneServer sending = sender.equals("node-1") ? one : two;
                ChainAudit.mining(false); // the sender's next anchor transaction stays unmined...
                Thread.sleep(1500);
                sending.kill9(); // ...when it dies
                ChainAudit.mining(true);
                System.out.printf("two nodes: %s (the sender) killed after %d acknowledged writes%n", sender,
                        acknowledged.size());
                Thread.sleep(8000);
            } finally {
                load.stop();
                ChainAudit.mining(true);
            }
            FhirHttp survivor = sender.equals("node-1") ? atTwo : atOne;
            JsonNode health = survivor.awaitHealth(h -> h.path("anchoring").path("backlog").asLong(-1) == 0,
                    Duration.ofSeconds(240));
            assertEquals(0, health.path("anchoring").path("backlog").asLong(), "the survivor drained the backlog");
            assertNotEquals(sender, leaseHolder(dbUrl), "the surviving node took over sending");
            assertTrue(acknowledged.size() > 50, "the load ran: " + acknowledged.size());
            for (String id : acknowledged) {
                assertEquals(200, survivor.get("/fhir/Observation/" + id).statusCode(),
                        "acknowledged write Observation/" + id + " is readable at the survivor");
                assertEquals("matched", FhirHttp.result(survivor.verification("Observation", id)),
                        "Observation/" + id + " verifies against the chain");
            }
            ChainAudit.assertAnchoredExactlyOnce(dbUrl, "medledger", "medledger");
            System.out.printf("two nodes: %d acknowledged writes checked, %d refused by the killed node%n",
                    acknowledged.size(), load.refused());
        }
    }

    /** Granted at node 1: both decide alike once mined. Revoked at node 2 with mining paused: node 1 denies too. */
    private static void consentChangesHoldAtBothNodes(FhirHttp atOne, FhirHttp atTwo, String patient)
            throws Exception {
        String hospital = ConsentFixtures.randomAddress();
        String consent = atOne.create("Consent",
                ConsentFixtures.consent(patient, hospital, "active", "observations", "TREAT"));
        awaitDecision(atOne, patient, hospital, "permit consent");
        awaitDecision(atTwo, patient, hospital, "permit consent");
        ChainAudit.mining(false);
        try {
            HttpResponse<String> revoked = atTwo.send(HttpRequest.newBuilder(URI.create(atTwo.baseUrl()
                            + "/fhir/Consent/" + consent))
                    .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(ConsentFixtures.consent(patient, hospital, "inactive",
                            "observations", "TREAT").replace("{\"resourceType\":\"Consent\",",
                            "{\"resourceType\":\"Consent\",\"id\":\"" + consent + "\","))).build());
            assertEquals(200, revoked.statusCode(), revoked.body());
            assertEquals("deny no-consent", decision(atTwo, patient, hospital));
            awaitDecision(atOne, patient, hospital, "deny no-consent"); // before any block is mined
        } finally {
            ChainAudit.mining(true);
        }
        awaitDecision(atOne, patient, hospital, "deny no-consent");
        awaitDecision(atTwo, patient, hospital, "deny no-consent");
    }

    private static String decision(FhirHttp node, String patient, String hospital) throws Exception {
        HttpResponse<String> response = node.getAsAdministrator("/fhir/Patient/" + patient
                + "/$consent-decision?accessor-hospital=" + hospital + "&category=observations&purpose=TREAT");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, JsonNode> result = FhirHttp.parameters(response.body());
        return result.get("outcome").path("valueString").asText() + " " + result.get("rule").path("valueString").asText();
    }

    private static void awaitDecision(FhirHttp node, String patient, String hospital, String expected)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String actual = decision(node, patient, hospital);
        while (!actual.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            actual = decision(node, patient, hospital);
        }
        assertEquals(expected, actual, "decision at " + node.baseUrl());
    }

    private static StandaloneServer node(Path base, String name, int portOffset, String dbUrl) throws Exception {
        Path home = base.resolve(name);
        return new StandaloneServer(home, portOffset, List.of(
                "-Dmedledger.node.id=" + name,
                "-Dmedledger.ledger.sender-lease-seconds=5",
                "-Dmedledger.data.dir=" + home.resolve("data"),
                "-Dmedledger.db.driver=postgresql",
                "-Dmedledger.db.url=" + dbUrl,
                "-Dmedledger.db.user=medledger",
                "-Dmedledger.db.password=medledger",
                "-Dmedledger.ledger.rpc-url=" + System.getProperty("medledger.it.rpc-url"),
                "-Dmedledger.keystore.password=integration-test-only",
                "-Dmedledger.anchor.interval-ms=500",
                "-Dmedledger.consent.poll-interval-ms=500",
                "-Dmedledger.hospital.name=Two-Node-Hospital",
                "-Dmedledger.fhir.validation=off",
                "-Dmedledger.fhir.anonymous-access=true",
                "-Dmedledger.admin.token=" + FhirHttp.ADMIN_TOKEN,
                "-Dmedledger.consortium.pseudonym-salt-file=" + System.getProperty("medledger.it.salt-file")));
    }

    /** A fresh database of the test run's PostgreSQL (trusting its superuser on loopback), owned by medledger. */
    private static String createDatabase() throws Exception {
        String server = System.getProperty("medledger.it.db.url").replaceAll("/[^/]*$", "");
        try (Connection admin = DriverManager.getConnection(server + "/postgres", "postgres", "");
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE);
            sql.execute("CREATE DATABASE " + DATABASE + " OWNER medledger");
        }
        return server + "/" + DATABASE;
    }

    private static String leaseHolder(String dbUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(dbUrl, "medledger", "medledger");
             Statement sql = db.createStatement();
             ResultSet rs = sql.executeQuery("SELECT holder FROM ledger_sender_lease WHERE id = 1")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
