package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medledger.contracts.generated.ConsentRegistry;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * FHIR Consent → ConsentRegistry → every server's consent view: a patient's consent for another hospital is
 * granted on chain (read back from the contract, not from the server), the server's follower applies it and the
 * policy permits exactly what it covers; revoking it denies at once here and is final on chain; consents that
 * cannot be recorded faithfully are refused with an OperationOutcome and nothing is stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsentLedgerIT {

    private final FhirHttp http = new FhirHttp();

    @Test
    void consentGrantedAtThisHospitalIsOnChainFollowedAndRevokedForGood() throws Exception {
        String patient = http.create("Patient", ConsentFixtures.patientWithSharedIdentifier());
        String hospitalB = ConsentFixtures.randomAddress();
        assertEquals("deny no-consent", decision(patient, hospitalB, "observations", "TREAT"));

        String consent = http.create("Consent",
                ConsentFixtures.consent(patient, hospitalB, "active", "observations", "TREAT"));
        Map<String, JsonNode> status = awaitChanges(consent, changes -> changes.size() == 1
                && "confirmed".equals(part(changes.get(0), "state")));
        List<JsonNode> changes = changesOf(status);
        assertEquals("grant", part(changes.get(0), "action"));
        long consentId = Long.parseLong(part(changes.get(0), "consentId"));

        // Independently of the server: the contract holds the grant for hospital B.
        Web3j web3j = Web3j.build(new HttpService(MedLedgerDeployment.rpcUrl()));
        try {
            ConsentRegistry registry = ConsentRegistry.load(status.get("registry").path("valueString").asText(),
                    web3j, new ReadonlyTransactionManager(web3j, null), new DefaultGasProvider());
            ConsentRegistry.Consent onChain = registry.consentAt(BigInteger.valueOf(consentId)).send();
            assertArrayEquals(HexFormat.of().parseHex("0".repeat(24) + hospitalB.substring(2)), onChain.grantee);
            assertEquals(BigInteger.valueOf(1 << 2), onChain.scopes, "observations only");
            assertEquals(BigInteger.ONE, onChain.purposes, "TREAT only");
            assertFalse(onChain.revoked);

            awaitDecision(patient, hospitalB, "observations", "TREAT", "permit consent");
            assertEquals("deny no-consent", decision(patient, hospitalB, "laboratory", "TREAT"));
            assertEquals("deny no-consent", decision(patient, hospitalB, "observations", "HPAYMT"));
            assertEquals("deny no-consent", decision(patient, ConsentFixtures.randomAddress(), "observations", "TREAT"));

            HttpResponse<String> revoked = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(MedLedgerDeployment.baseUrl() + "/fhir/Consent/" + consent))
                    .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                            ConsentFixtures.consent(patient, hospitalB, "inactive", "observations", "TREAT")
                                    .replace("{\"resourceType\":\"Consent\",",
                                            "{\"resourceType\":\"Consent\",\"id\":\"" + consent + "\","))).build());
            assertEquals(200, revoked.statusCode(), revoked.body());
            // At the hospital where it was made, the revocation holds before any block is mined.
            assertEquals("deny no-consent", decision(patient, hospitalB, "observations", "TREAT"));

            awaitChanges(consent, all -> all.size() == 2 && "confirmed".equals(part(all.get(1), "state")));
            assertTrue(registry.consentAt(BigInteger.valueOf(consentId)).send().revoked, "revoked on chain");
            assertEquals("deny no-consent", decision(patient, hospitalB, "observations", "TREAT"));
        } finally {
            web3j.shutdown();
        }
    }

    @Test
    void consentsThatCannotBeRecordedFaithfullyAreRefusedAndNothingIsStored() throws Exception {
        String patient = http.create("Patient", ConsentFixtures.patientWithSharedIdentifier());
        String withoutSharedId = http.create("Patient", SyntheticPatients.json("NoSharedId"));
        String hospital = ConsentFixtures.randomAddress();
        int before = count();
        List<String> refused = new ArrayList<>();
        refused.add(ConsentFixtures.consent(patient, hospital, "active", "no-such-category", "TREAT"));
        refused.add(ConsentFixtures.consent(patient, hospital, "active", "observations", "TREAT")
                .replace("\"type\":\"permit\"", "\"type\":\"deny\""));
        refused.add(ConsentFixtures.consent(withoutSharedId, hospital, "active", "observations", "TREAT"));
        refused.add(ConsentFixtures.consent(patient, "0x1234", "active", "observations", "TREAT"));
        refused.add(ConsentFixtures.consent("does-not-exist", hospital, "active", "observations", "TREAT"));
        for (String body : refused) {
            HttpResponse<String> response = http.post("/fhir/Consent", body, "application/fhir+json");
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("OperationOutcome", FhirHttp.JSON.readTree(response.body()).path("resourceType").asText());
        }
        assertEquals(before, count(), "no refused Consent was stored");
    }

    private int count() throws Exception {
        HttpResponse<String> response = http.get("/fhir/Consent?_summary=count");
        assertEquals(200, response.statusCode(), response.body());
        return FhirHttp.JSON.readTree(response.body()).path("total").asInt();
    }

    private String decision(String patient, String hospital, String category, String purpose) throws Exception {
        HttpResponse<String> response = http.getAsAdministrator("/fhir/Patient/" + patient
                + "/$consent-decision?accessor-hospital=" + hospital + "&category=" + category + "&purpose=" + purpose);
        assertEquals(200, response.statusCode(), response.body());
        Map<String, JsonNode> result = FhirHttp.parameters(response.body());
        return result.get("outcome").path("valueString").asText() + " " + result.get("rule").path("valueString").asText();
    }

    private void awaitDecision(String patient, String hospital, String category, String purpose, String expected)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String actual = decision(patient, hospital, category, purpose);
        while (!actual.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            actual = decision(patient, hospital, category, purpose);
        }
        assertEquals(expected, actual);
    }

    private Map<String, JsonNode> awaitChanges(String consent, Predicate<List<JsonNode>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> response = http.getAsAdministrator("/fhir/Consent/" + consent + "/$ledger-status");
            assertEquals(200, response.statusCode(), response.body());
            Map<String, JsonNode> status = FhirHttp.parameters(response.body());
            status.put("changes", FhirHttp.JSON.readTree(response.body()).path("parameter"));
            if (done.test(changesOf(status))) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("consent changes did not complete: " + response.body());
            }
            Thread.sleep(250);
        }
    }

    private static List<JsonNode> changesOf(Map<String, JsonNode> status) {
        List<JsonNode> changes = new ArrayList<>();
        status.get("changes").forEach(p -> {
            if ("change".equals(p.path("name").asText())) {
                changes.add(p);
            }
        });
        return changes;
    }

    private static String part(JsonNode change, String name) {
        for (JsonNode part : change.path("part")) {
            if (name.equals(part.path("name").asText())) {
                JsonNode value = part.has("valueString") ? part.get("valueString") : part.path("valueInteger");
                return value.asText();
            }
        }
        return "";
    }

}
