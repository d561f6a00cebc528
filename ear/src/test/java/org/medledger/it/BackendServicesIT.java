package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medledger.contracts.generated.ConsentRegistry;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.http.HttpService;

/**
 * SMART Backend Services and the consent check on what a backend client receives: tokens only for a correctly
 * signed, fresh, unreplayed assertion from a registered client; scopes limit interactions; another hospital's
 * system sees a patient's observations only while the patient's consent for that hospital is in force.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackendServicesIT {

    private final FhirHttp http = new FhirHttp();

    @Test
    void tokensAreIssuedOnlyForValidFreshUnreplayedAssertionsOfRegisteredClients() throws Exception {
        JsonNode configuration = FhirHttp.JSON.readTree(http.get("/fhir/.well-known/smart-configuration").body());
        assertTrue(configuration.path("token_endpoint_auth_signing_alg_values_supported").toString().contains("RS384"));
        RSAKey key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String client = register("Synthetic RS384 system", key, "system/Observation.rs system/Patient.rs", null);

        String assertion = assertion(client, key, Instant.now().plusSeconds(120), tokenEndpoint());
        HttpResponse<String> issued = token(assertion, "system/Observation.rs");
        assertEquals(200, issued.statusCode(), issued.body());
        assertEquals("system/Observation.rs", FhirHttp.JSON.readTree(issued.body()).path("scope").asText());
        assertEquals("no-store", issued.headers().firstValue("Cache-Control").orElse(""));

        assertRefused(token(assertion, "system/Observation.rs"), 401, "invalid_client", "already used");
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        assertRefused(token(assertion(client, stranger, Instant.now().plusSeconds(120), tokenEndpoint()),
                "system/Observation.rs"), 401, "invalid_client", "signature");
        assertRefused(token(assertion(client, key, Instant.now().minusSeconds(120), tokenEndpoint()),
                "system/Observation.rs"), 401, "invalid_client", "expired");
        assertRefused(token(assertion(client, key, Instant.now().plusSeconds(3_600), tokenEndpoint()),
                "system/Observation.rs"), 401, "invalid_client", "five minutes");
        assertRefused(token(assertion(client, key, Instant.now().plusSeconds(120), "https://elsewhere.invalid/token"),
                "system/Observation.rs"), 401, "invalid_client", "aud");
        assertRefused(token(assertion(UUID.randomUUID().toString(), key, Instant.now().plusSeconds(120),
                tokenEndpoint()), "system/Observation.rs"), 401, "invalid_client", "Unknown");
        assertRefused(token(assertion(client, key, Instant.now().plusSeconds(120), tokenEndpoint()),
                "system/Condition.rs"), 400, "invalid_scope", "None of the requested scopes");

        ECKey ecKey = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        String ecClient = register("Synthetic ES384 system", ecKey, "system/*.rs", null);
        assertEquals(200, token(assertion(ecClient, ecKey, Instant.now().plusSeconds(60), tokenEndpoint()),
                "system/*.rs").statusCode());
    }

    @Test
    void scopesLimitWhatATokenMayDoAndBadTokensGetNoData() throws Exception {
        String patient = http.create("Patient", patientWithSharedIdentifier());
        String observation = http.create("Observation", observation(patient));
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        String client = register("Synthetic own system", key, "system/Patient.rs", null);
        String token = accessToken(client, key, "system/Patient.rs");

        assertEquals(200, read("/fhir/Patient/" + patient, token, null).statusCode());
        HttpResponse<String> narrow = read("/fhir/Observation/" + observation, token, null);
        assertEquals(403, narrow.statusCode(), narrow.body());
        assertTrue(narrow.body().contains("OperationOutcome") && !narrow.body().contains("valueQuantity"));
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(uri("/fhir/Patient"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(SyntheticPatients.json("Unwritten"))).build());
        assertEquals(403, write.statusCode(), write.body());
        HttpResponse<String> unknown = read("/fhir/Patient/" + patient, "not-a-token", null);
        assertEquals(401, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("OperationOutcome") && !unknown.body().contains("Synthetic"));
        assertTrue(unknown.headers().firstValue("WWW-Authenticate").isPresent());
        String audit = http.get("/fhir/AuditEvent?entity=Patient/" + patient + "&_count=100").body();
        assertTrue(audit.contains("\"outcome\":\"8\""), "the unauthenticated attempt is audited");
        assertTrue(audit.contains(client), "the client's reads are audited");
    }

    @Test
    void aBackendClientsWriteCommitsInOneTransactionWithTheAuditEventRecordingIt() throws Exception {
        String patient = http.create("Patient", patientWithSharedIdentifier());
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        String client = register("Synthetic writing system", key, "system/Observation.cu", null);
        String token = accessToken(client, key, "system/Observation.cu");

        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/fhir/Observation"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(observation(patient))).build());
        assertEquals(201, created.statusCode(), created.body());
        String observation = created.headers().firstValue("Location").orElseThrow()
                .replaceAll(".*/Observation/([^/]+)/_history/.*", "$1");

        JsonNode audits = FhirHttp.JSON.readTree(http.get("/fhir/AuditEvent?entity=Observation/" + observation)
                .body());
        assertEquals(1, audits.path("entry").size(), "exactly one AuditEvent records the create: " + audits);
        JsonNode audit = audits.path("entry").get(0).path("resource");
        assertEquals("C", audit.path("action").asText());
        assertEquals("0", audit.path("outcome").asText());
        assertTrue(audit.toString().contains(client), "the AuditEvent names the client");

        if ("postgresql".equals(System.getProperty("medledger.it.db.driver"))) {
            // PostgreSQL stamps every row with the id of the transaction that wrote it
            try (StoreDatabase database = new StoreDatabase()) {
                String xmin = "SELECT xmin::text::bigint FROM record_version WHERE resource_type = ? AND resource_id = ?"
                        + " AND version_number = 1";
                assertEquals(database.number(xmin, "Observation", observation),
                        database.number(xmin, "AuditEvent", audit.path("id").asText()),
                        "the Observation and its AuditEvent were written by the same transaction");
            }
        }
    }

    @Test
    void anotherHospitalSeesObservationsOnlyWhileThePatientsConsentIsInForce() throws Exception {
        String patient = http.create("Patient", patientWithSharedIdentifier());
        String observation = http.create("Observation", observation(patient));
        String condition = http.create("Condition", """
                {"resourceType":"Condition","subject":{"reference":"Patient/%s"},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003"}]}}""".formatted(patient));
        String hospitalB = randomAddress();
        RSAKey key = new RSAKeyGenerator(2048).keyID("b").generate();
        String client = register("Synthetic system of hospital B", key, "system/*.rs", hospitalB);
        String token = accessToken(client, key, "system/*.rs");

        HttpResponse<String> denied = read("/fhir/Observation/" + observation, token, null);
        assertEquals(403, denied.statusCode(), denied.body());
        assertTrue(denied.body().contains("no-consent"), denied.body());
        JsonNode search = FhirHttp.JSON.readTree(read("/fhir/Observation?patient=" + patient, token, null).body());
        assertEquals(0, search.path("entry").size());
        assertFalse(search.has("total"), "no count leaks");

        RSAKey ownKey = new RSAKeyGenerator(2048).keyID("own").generate();
        String own = accessToken(register("Synthetic own EHR", ownKey, "system/*.rs", null), ownKey, "system/*.rs");
        assertEquals(200, read("/fhir/Observation/" + observation, own, null).statusCode(), "custodian-system");

        String consent = http.create("Consent", ConsentFixtures.consent(patient, hospitalB, "active", "observations",
                "TREAT"));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> allowed = read("/fhir/Observation/" + observation, token, null);
        while (allowed.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            allowed = read("/fhir/Observation/" + observation, token, null);
        }
        assertEquals(200, allowed.statusCode(), allowed.body());
        assertEquals(1, FhirHttp.JSON.readTree(read("/fhir/Observation?patient=" + patient, token, null).body())
                .path("entry").size());
        assertEquals(403, read("/fhir/Condition/" + condition, token, null).statusCode(), "conditions not consented");
        assertEquals(403, read("/fhir/Observation/" + observation, token, "HPAYMT").statusCode(), "purpose");
        JsonNode everything = FhirHttp.JSON.readTree(read("/fhir/Patient/" + patient + "/$everything", token, null)
                .body());
        assertTrue(everything.toString().contains(observation) && !everything.toString().contains(condition),
                "$everything releases only what the consent covers");

        awaitConfirmed(consent);
        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(uri("/fhir/Consent/" + consent))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(ConsentFixtures.consent(patient, hospitalB, "inactive",
                        "observations", "TREAT").replace("{\"resourceType\":\"Consent\",",
                        "{\"resourceType\":\"Consent\",\"id\":\"" + consent + "\","))).build());
        assertEquals(200, revoked.statusCode(), revoked.body());
        assertEquals(403, read("/fhir/Observation/" + observation, token, null).statusCode(),
                "revocation holds here at once");

        // The patient's access history: who read what, refused or released, from which hospital's system.
        JsonNode history = FhirHttp.JSON.readTree(http.get("/fhir/AuditEvent?entity=Patient/" + patient
                + "&_count=200").body());
        int released = 0;
        int refused = 0;
        for (JsonNode entry : history.path("entry")) {
            JsonNode event = entry.path("resource");
            if (!event.path("agent").toString().contains(client)) {
                continue;
            }
            assertTrue(event.path("agent").toString().contains(hospitalB), "names the member hospital");
            released += "0".equals(event.path("outcome").asText()) ? 1 : 0;
            refused += "4".equals(event.path("outcome").asText()) ? 1 : 0;
        }
        assertTrue(released >= 3 && refused >= 3, "released " + released + ", refused " + refused);
    }

    @Test
    void researchReleasesOnlyDeidentifiedCopiesAndNeverWrites() throws Exception {
        String patientJson = patientWithSharedIdentifier();
        String shared = FhirHttp.JSON.readTree(patientJson).path("identifier").get(0).path("value").asText();
        String family = FhirHttp.JSON.readTree(patientJson).path("name").get(0).path("family").asText();
        String patient = http.create("Patient", patientJson);
        String observation = http.create("Observation", observation(patient));
        String hospitalB = randomAddress();
        RSAKey key = new RSAKeyGenerator(2048).keyID("research").generate();
        String client = register("Synthetic research system", key, "system/*.rs system/Observation.c", hospitalB);
        String token = accessToken(client, key, "system/*.rs system/Observation.c");
        http.create("Consent", ConsentFixtures.consent(patient, hospitalB, "active", "observations", "HRESCH"));
        http.create("Consent", ConsentFixtures.consent(patient, hospitalB, "active", "demographics", "HRESCH"));

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> released = read("/fhir/Observation/" + observation, token, "HRESCH");
        while (released.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            released = read("/fhir/Observation/" + observation, token, "HRESCH");
        }
        assertEquals(200, released.statusCode(), released.body());
        JsonNode copy = FhirHttp.JSON.readTree(released.body());
        assertFalse(released.body().contains(patient) || released.body().contains(observation),
                "no real id is released: " + released.body());
        assertTrue(copy.path("id").asText().startsWith("deid-"));
        assertTrue(copy.path("meta").path("security").toString().contains("PSEUDED"));
        assertNotEquals("2026-01-01T10:00:00Z", copy.path("effectiveDateTime").asText(), "the date is shifted");
        assertEquals(70, copy.path("valueQuantity").path("value").asInt(), "the clinical value is kept");
        String releasedSubject = copy.path("subject").path("reference").asText();

        HttpResponse<String> person = read("/fhir/Patient/" + patient, token, "HRESCH");
        assertEquals(200, person.statusCode(), person.body());
        assertFalse(person.body().contains(family) || person.body().contains(shared)
                || person.body().contains(patient), "no name, identifier or id: " + person.body());
        assertEquals(releasedSubject, "Patient/" + FhirHttp.JSON.readTree(person.body()).path("id").asText(),
                "the observation still links to the released patient");

        JsonNode search = FhirHttp.JSON.readTree(read("/fhir/Observation?patient=" + patient, token, "HRESCH")
                .body());
        assertEquals(1, search.path("entry").size(), search.toString());
        assertFalse(search.path("entry").toString().contains(observation), "search entries are copies too");

        assertEquals(403, read("/fhir/Observation/" + observation, token, "TREAT").statusCode(),
                "a research consent allows research only");
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(uri("/fhir/Observation"))
                .header("Authorization", "Bearer " + token).header("X-Purpose-Of-Use", "HRESCH")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(observation(patient))).build());
        assertEquals(403, write.statusCode(), write.body());
        assertTrue(write.body().contains("research-read-only"), write.body());

        String audit = http.get("/fhir/AuditEvent?entity=Observation/" + observation + "&_count=100").body();
        assertTrue(audit.contains(client) && audit.contains("HRESCH"),
                "the audit trail names the real record released for research: " + audit);
    }

    @Test
    void breakGlassAllowsEmergencyTreatmentAtOnceIsRecordedOnChainAndFlaggedForReview() throws Exception {
        String patient = http.create("Patient", patientWithSharedIdentifier());
        String observation = http.create("Observation", observation(patient));
        String hospitalB = randomAddress();
        RSAKey key = new RSAKeyGenerator(2048).keyID("bg").generate();
        String token = accessToken(register("Synthetic emergency system", key, "system/*.rs", hospitalB), key,
                "system/*.rs");
        assertEquals(403, read("/fhir/Observation/" + observation, token, "ETREAT").statusCode());
        String reason = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reason\",\"valueString\":\"unconscious\"}]}";
        assertEquals(403, http.post("/fhir/Patient/" + patient + "/$break-glass", reason, "application/fhir+json")
                .statusCode(), "an anonymous caller cannot break the glass");

        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(uri("/fhir/Patient/" + patient
                        + "/$break-glass")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(reason)).build());
        assertEquals(200, declared.statusCode(), declared.body());
        assertEquals(200, read("/fhir/Observation/" + observation, token, "ETREAT").statusCode(),
                "emergency treatment is allowed at once");
        assertEquals(403, read("/fhir/Observation/" + observation, token, "TREAT").statusCode(),
                "only for emergency treatment");

        // Independently of the server: the chain holds one EmergencyAccess event naming hospital B as accessor.
        Web3j web3j = Web3j.build(new HttpService(MedLedgerDeployment.rpcUrl()));
        try {
            String registry = FhirHttp.parameters(http.getAsAdministrator("/fhir/Consent/none/$ledger-status").body())
                    .get("registry").path("valueString").asText();
            EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    registry);
            filter.addSingleTopic(EventEncoder.encode(ConsentRegistry.EMERGENCYACCESS_EVENT));
            filter.addNullTopic();
            filter.addSingleTopic("0x" + "0".repeat(24) + hospitalB.substring(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<EthLog.LogResult> logs = web3j.ethGetLogs(filter).send().getLogs();
            while (logs.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(300);
                logs = web3j.ethGetLogs(filter).send().getLogs();
            }
            assertEquals(1, logs.size(), "one EmergencyAccess event for the accessor on chain");
        } finally {
            web3j.shutdown();
        }

        JsonNode audit = FhirHttp.JSON.readTree(http.get("/fhir/AuditEvent?_count=200").body());
        boolean flagged = false;
        for (JsonNode entry : audit.path("entry")) {
            JsonNode event = entry.path("resource");
            flagged |= event.path("entity").toString().contains("Patient/" + patient)
                    && event.path("meta").toString().contains("review-required")
                    && event.path("purposeOfEvent").toString().contains("ETREAT");
        }
        assertTrue(flagged, "an AuditEvent flagged for review names the patient");
    }

    private void awaitConfirmed(String consent) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!http.getAsAdministrator("/fhir/Consent/" + consent + "/$ledger-status").body().contains("confirmed")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the grant was not confirmed on chain");
            }
            Thread.sleep(250);
        }
    }

    private String register(String name, JWK key, String scope, String memberAddress) throws Exception {
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        StringBuilder parameters = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"name\",\"valueString\":\"" + name + "\"},"
                + "{\"name\":\"jwks\",\"valueString\":" + FhirHttp.JSON.writeValueAsString(jwks) + "},"
                + "{\"name\":\"scope\",\"valueString\":\"" + scope + "\"}");
        if (memberAddress != null) {
            parameters.append(",{\"name\":\"member-address\",\"valueString\":\"").append(memberAddress).append("\"}");
        }
        HttpResponse<String> response = http.postAsAdministrator("/fhir/$register-backend-client",
                parameters.append("]}").toString());
        assertEquals(200, response.statusCode(), response.body());
        Map<String, JsonNode> out = FhirHttp.parameters(response.body());
        return out.get("client_id").path("valueString").asText();
    }

    private String accessToken(String client, JWK key, String scope) throws Exception {
        HttpResponse<String> issued = token(assertion(client, key, Instant.now().plusSeconds(60), tokenEndpoint()),
                scope);
        assertEquals(200, issued.statusCode(), issued.body());
        return FhirHttp.JSON.readTree(issued.body()).path("access_token").asText();
    }

    private HttpResponse<String> token(String assertion, String scope) throws Exception {
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion) + "&scope=" + enc(scope);
        return http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> read(String path, String token, String purpose) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token);
        if (purpose != null) {
            request.header("X-Purpose-Of-Use", purpose);
        }
        return http.send(request.GET().build());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error, String reason)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = FhirHttp.JSON.readTree(response.body());
        assertEquals(error, body.path("error").asText(), response.body());
        assertTrue(body.path("error_description").asText().contains(reason), response.body());
        assertFalse(body.has("access_token"));
    }

    private static String assertion(String client, JWK key, Instant expires, String audience) throws Exception {
        JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
        JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(client).subject(client).audience(audience)
                        .expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String tokenEndpoint() {
        return MedLedgerDeployment.baseUrl() + "/fhir/auth/token";
    }

    private static URI uri(String path) {
        return URI.create(MedLedgerDeployment.baseUrl() + path);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String observation(String patient) {
        return """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"2026-01-01T10:00:00Z",
                 "valueQuantity":{"value":70,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}"""
                .formatted(patient);
    }

    private static String patientWithSharedIdentifier() {
        return ConsentFixtures.patientWithSharedIdentifier();
    }

    private static String randomAddress() {
        return ConsentFixtures.randomAddress();
    }
}
