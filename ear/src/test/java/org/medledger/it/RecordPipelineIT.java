package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medledger.contracts.generated.RecordAnchor;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.http.HttpService;

/**
 * The record store and anchoring pipeline under attack and outage: tampering is found by $verify and
 * the integrity sweep, a chain outage loses no write and anchors each version exactly once, erasure
 * crypto-shreds, and key rotation re-wraps every data key.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RecordPipelineIT {

    private final FhirHttp http = new FhirHttp();

    @Test
    void patientVerifyCoversTheWholeCompartmentAndNamesTheAlteredVersion() throws Exception {
        String patient = http.create("Patient", SyntheticPatients.json("Compartment"));
        List<String> observations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            observations.add(http.create("Observation", """
                    {"resourceType":"Observation","status":"final","code":{"text":"Synthetic pulse"},
                     "subject":{"reference":"Patient/%s"},"valueQuantity":{"value":%d,"unit":"/min",
                     "system":"http://unitsofmeasure.org","code":"/min"}}""".formatted(patient, 60 + i)));
        }
        for (String observation : observations) {
            assertEquals("matched", FhirHttp.result(http.awaitVerification("Observation", observation)));
        }
        JsonNode clean = compartment(patient);
        assertEquals("matched", part(clean, "result").path("valueCode").asText());
        assertEquals(4, part(clean, "matched").path("valueInteger").asInt(), "the patient and its 3 observations");

        try (StoreDatabase db = new StoreDatabase()) {
            String victim = observations.get(1);
            byte[] original = db.bytes("SELECT ciphertext FROM record_version WHERE resource_id = ?", victim);
            byte[] altered = original.clone();
            altered[0] ^= 0x01;
            db.update("UPDATE record_version SET ciphertext = ? WHERE resource_id = ?", altered, victim);
            JsonNode tampered = compartment(patient);
            assertEquals("mismatched", part(tampered, "result").path("valueCode").asText());
            assertEquals(1, part(tampered, "mismatched").path("valueInteger").asInt());
            List<String> mismatched = new ArrayList<>();
            tampered.path("part").forEach(p -> {
                if ("version".equals(p.path("name").asText()) && "mismatched".equals(
                        part(p, "result").path("valueCode").asText())) {
                    mismatched.add(part(p, "reference").path("valueString").asText());
                }
            });
            assertEquals(List.of("Observation/" + victim + "/_history/1"), mismatched);
            db.update("UPDATE record_version SET ciphertext = ? WHERE resource_id = ?", original, victim);
        }
    }

    private JsonNode compartment(String patient) throws Exception {
        HttpResponse<String> response = http.get("/fhir/Patient/" + patient + "/$verify");
        assertEquals(200, response.statusCode(), response.body());
        return FhirHttp.parameters(response.body()).get("compartment");
    }

    private static JsonNode part(JsonNode parent, String name) {
        for (JsonNode p : parent.path("part")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError("no part " + name + " in " + parent);
    }

    @Test
    void alteredCiphertextIsReportedWithoutLeakingAndRestoredContentVerifiesAgain() throws Exception {
        String id = http.create("Patient", SyntheticPatients.json("Tamperalpha"));
        assertEquals("matched", FhirHttp.result(http.awaitVerification("Patient", id)));
        try (StoreDatabase db = new StoreDatabase()) {
            byte[] original = db.bytes("SELECT ciphertext FROM record_version WHERE resource_id = ?", id);
            byte[] altered = original.clone();
            altered[altered.length / 2] ^= 0x01;
            db.update("UPDATE record_version SET ciphertext = ? WHERE resource_id = ?", altered, id);

            HttpResponse<String> read = http.get("/fhir/Patient/" + id);
            assertEquals(500, read.statusCode());
            JsonNode outcome = FhirHttp.JSON.readTree(read.body());
            assertEquals("OperationOutcome", outcome.path("resourceType").asText());
            String diagnostics = outcome.path("issue").get(0).path("diagnostics").asText();
            assertTrue(diagnostics.contains("integrity check"), diagnostics);
            assertFalse(read.body().contains("at org.") || read.body().contains("Exception"), "no stack trace");

            Map<String, JsonNode> verification = http.verification("Patient", id);
            assertEquals("mismatched", FhirHttp.result(verification));
            assertTrue(verification.get("detail").path("valueString").asText().contains("authentication tag"));

            String sweep = sweep();
            assertTrue(FhirHttp.parameters(sweep).get("mismatched").path("valueInteger").asInt() >= 1);
            List<String> lines = mismatchLines(sweep);
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("Patient/" + id + "/_history/1")),
                    "the sweep names the exact version: " + lines);

            db.update("UPDATE record_version SET ciphertext = ? WHERE resource_id = ?", original, id);
            assertEquals("matched", FhirHttp.result(http.verification("Patient", id)));
        }
    }

    @Test
    void alteredStoredHashOrProofIsReportedForTheExactVersion() throws Exception {
        String id = http.create("Patient", SyntheticPatients.json("Tamperbeta"));
        assertEquals("matched", FhirHttp.result(http.awaitVerification("Patient", id)));
        try (StoreDatabase db = new StoreDatabase()) {
            byte[] hash = db.bytes("SELECT content_hash FROM record_version WHERE resource_id = ?", id);
            byte[] otherHash = hash.clone();
            otherHash[0] ^= 0x01;
            db.update("UPDATE record_version SET content_hash = ? WHERE resource_id = ?", otherHash, id);
            Map<String, JsonNode> verification = http.verification("Patient", id);
            assertEquals("mismatched", FhirHttp.result(verification));
            assertTrue(verification.get("detail").path("valueString").asText().contains("no longer matches"));
            db.update("UPDATE record_version SET content_hash = ? WHERE resource_id = ?", hash, id);

            String leafSql = "SELECT l.proof FROM anchor_leaf l JOIN record_version v ON v.id = l.record_version_id "
                    + "WHERE v.resource_id = ?";
            byte[] proof = db.bytes(leafSql, id);
            byte[] forged = proof == null || proof.length == 0 ? new byte[32] : proof.clone();
            forged[forged.length - 1] ^= 0x01;
            db.update("UPDATE anchor_leaf SET proof = ? WHERE record_version_id = "
                    + "(SELECT id FROM record_version WHERE resource_id = ?)", forged, id);
            Map<String, JsonNode> afterForgery = http.verification("Patient", id);
            assertEquals("mismatched", FhirHttp.result(afterForgery));
            assertTrue(afterForgery.get("detail").path("valueString").asText().contains("Merkle proof"));
            db.update("UPDATE anchor_leaf SET proof = ? WHERE record_version_id = "
                    + "(SELECT id FROM record_version WHERE resource_id = ?)", proof, id);
            assertEquals("matched", FhirHttp.result(http.verification("Patient", id)));
        }
    }

    @Test
    void writesSucceedDuringAChainOutageAndEveryVersionIsAnchoredExactlyOnce() throws Exception {
        ChainLink link = ChainLink.up();
        assertTrue(http.awaitHealth(h -> h.path("anchoring").path("backlog").asLong() == 0, Duration.ofSeconds(60))
                .path("chain").path("reachable").asBoolean());
        link.cut();
        List<String> written = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                written.add(http.create("Patient", SyntheticPatients.json("Outage" + i)));
            }
            JsonNode during = http.awaitHealth(h -> !h.path("chain").path("reachable").asBoolean(),
                    Duration.ofSeconds(10));
            assertEquals("DEGRADED", during.path("status").asText());
            assertTrue(during.path("anchoring").path("backlog").asLong() >= written.size(),
                    "the outbox holds every write: " + during);
            assertEquals("pending", FhirHttp.result(http.verification("Patient", written.get(0))));
        } finally {
            link.restore();
        }
        JsonNode after = http.awaitHealth(h -> h.path("anchoring").path("backlog").asLong() == 0, Duration.ofSeconds(90));
        assertEquals(0, after.path("anchoring").path("backlog").asLong(), "backlog drained: " + after);
        for (String id : written) {
            assertEquals("matched", FhirHttp.result(http.verification("Patient", id)), "Patient/" + id);
        }
        try (StoreDatabase db = new StoreDatabase()) {
            long leaves = db.number("SELECT COUNT(*) FROM anchor_leaf WHERE state = 'ANCHORED'");
            String contract = http.verification("Patient", written.get(0)).get("anchorContract").path("valueString").asText();
            assertEquals(leaves, anchoredLeavesOnChain(contract), "every leaf is anchored exactly once on chain");
        }
    }

    @Test
    void erasureCryptoShredsEveryVersionAndKeepsTheHashVerifiable() throws Exception {
        String id = http.create("Patient", SyntheticPatients.json("Erasegamma"));
        assertEquals("matched", FhirHttp.result(http.awaitVerification("Patient", id)));

        HttpResponse<String> anonymous = http.post("/fhir/Patient/" + id + "/$erase",
                "{\"resourceType\":\"Parameters\"}", "application/fhir+json");
        assertTrue(anonymous.statusCode() == 401 || anonymous.statusCode() == 403, "erasure needs the administrator");

        HttpResponse<String> erased = http.postAsAdministrator("/fhir/Patient/" + id + "/$erase",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reason\",\"valueString\":\"patient request\"}]}");
        assertEquals(200, erased.statusCode(), erased.body());
        assertEquals(1, FhirHttp.parameters(erased.body()).get("versionsErased").path("valueInteger").asInt());

        assertEquals(410, http.get("/fhir/Patient/" + id).statusCode());
        Map<String, JsonNode> verification = http.verification("Patient", id);
        assertEquals("erased", FhirHttp.result(verification));
        assertTrue(verification.get("verifiedOnChain").path("valueBoolean").asBoolean());
        try (StoreDatabase db = new StoreDatabase()) {
            assertEquals(0, db.number("SELECT COUNT(*) FROM record_version WHERE resource_id = ? "
                    + "AND wrapped_key IS NOT NULL", id), "no data key is left");
            assertTrue(db.number("SELECT COUNT(*) FROM record_version WHERE resource_type = 'AuditEvent'") > 0,
                    "the erasure is recorded as an AuditEvent");
        }
    }

    @Test
    void keyRotationRewrapsEveryDataKeyAndRetiresTheOldKey() throws Exception {
        String before = http.create("Patient", SyntheticPatients.json("Rotatedelta"));
        HttpResponse<String> started = http.postAsAdministrator("/fhir/$rotate-keys", "{\"resourceType\":\"Parameters\"}");
        assertEquals(200, started.statusCode(), started.body());
        String newKek = FhirHttp.parameters(started.body()).get("currentKek").path("valueString").asText();

        Map<String, JsonNode> status = awaitRotation();
        assertFalse(status.get("running").path("valueBoolean").asBoolean());
        assertEquals(status.get("toRewrap").path("valueInteger").asInt(), status.get("rewrapped").path("valueInteger").asInt());
        assertTrue(status.containsKey("retired"), "an old key was retired: " + status.keySet());

        try (StoreDatabase db = new StoreDatabase()) {
            assertEquals(0, db.number("SELECT COUNT(*) FROM record_version WHERE wrapped_key IS NOT NULL "
                    + "AND kek_version <> ?", newKek), "every data key is wrapped under " + newKek);
        }
        assertEquals(200, http.get("/fhir/Patient/" + before).statusCode(), "older records still open");
        String after = http.create("Patient", SyntheticPatients.json("Rotateepsilon"));
        assertEquals(200, http.get("/fhir/Patient/" + after).statusCode());
    }

    private Map<String, JsonNode> awaitRotation() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = http.getAsAdministrator("/fhir/$key-rotation-status");
            assertEquals(200, response.statusCode(), response.body());
            Map<String, JsonNode> status = FhirHttp.parameters(response.body());
            if (!status.get("running").path("valueBoolean").asBoolean() || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(200);
        }
    }

    private String sweep() throws Exception {
        HttpResponse<String> response = http.postAsAdministrator("/fhir/$integrity-sweep",
                "{\"resourceType\":\"Parameters\"}");
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private static List<String> mismatchLines(String sweepBody) throws Exception {
        List<String> lines = new ArrayList<>();
        FhirHttp.JSON.readTree(sweepBody).path("parameter").forEach(p -> {
            if ("mismatch".equals(p.path("name").asText())) {
                lines.add(p.path("valueString").asText());
            }
        });
        return lines;
    }

    /** Sum of leafCount over every Anchored event the RecordAnchor contract emitted. */
    private long anchoredLeavesOnChain(String contract) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(MedLedgerDeployment.rpcUrl()));
        try {
            EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    contract);
            filter.addSingleTopic(EventEncoder.encode(RecordAnchor.ANCHORED_EVENT));
            long total = 0;
            for (EthLog.LogResult<?> result : web3j.ethGetLogs(filter).send().getLogs()) {
                Log log = (Log) result.get();
                @SuppressWarnings("rawtypes")
                List<TypeReference<Type>> outputs = RecordAnchor.ANCHORED_EVENT.getNonIndexedParameters();
                List<Type> values = FunctionReturnDecoder.decode(log.getData(), outputs);
                total += ((BigInteger) ((Uint32) values.get(0)).getValue()).longValueExact();
            }
            return total;
        } finally {
            web3j.shutdown();
        }
    }
}
