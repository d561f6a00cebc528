package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.IntPredicate;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medledger.contracts.generated.ConsentRegistry;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Two hospitals, two servers, one chain: hospital A is the Arquillian server, hospital B a second WildFly that
 * joins A's consortium (voted in on ConsortiumRegistry) and shares the consortium's pseudonym salt. A patient
 * known at both consents at A for B: B's system reads the patient's observations from A until the patient
 * revokes; and the reverse, consent at B for A. The cross-hospital case: a consent the patient gives at A, for A,
 * is honoured by B for the records B holds as soon as it is mined, and its revocation at A ends it at B.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TwoHospitalsIT {

    private final FhirHttp hospitalA = new FhirHttp();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void consentGivenAtOneHospitalHoldsAtTheOtherAndRevocationEndsItThere() throws Exception {
        Assumptions.assumeTrue("h2".equals(System.getProperty("medledger.it.db.driver")),
                "hospital B runs once, in the H2 pass");
        String shared = SyntheticPatients.identifier("SYN");
        String patientAtA = hospitalA.create("Patient", patient(shared));
        String observationAtA = hospitalA.create("Observation", observation(patientAtA));
        String anchorContract = hospitalA.awaitVerification("Observation", observationAtA).get("anchorContract")
                .path("valueString").asText();
        Web3j web3j = Web3j.build(new HttpService(MedLedgerDeployment.rpcUrl()));
        Path base = Path.of(System.getProperty("medledger.it.data-dir")).resolveSibling("hospital-b");
        try (StandaloneServer hospitalB = new StandaloneServer(base, 200, List.of(
                "-Dmedledger.data.dir=" + base.resolve("data"),
                "-Dmedledger.db.url=jdbc:h2:file:" + base.resolve("data/db/medledger") + ";WRITE_DELAY=0",
                "-Dmedledger.ledger.rpc-url=" + System.getProperty("medledger.it.rpc-url"),
                "-Dmedledger.keystore.password=integration-test-only",
                "-Dmedledger.anchor.interval-ms=500",
                "-Dmedledger.consent.poll-interval-ms=500",
                "-Dmedledger.smart.token-lifetime-seconds=1800",
                "-Dmedledger.hospital.name=Integration-Test-Hospital-B",
                "-Dmedledger.fhir.anonymous-access=true",
                "-Dmedledger.admin.token=" + FhirHttp.ADMIN_TOKEN,
                "-Dmedledger.consortium.pseudonym-salt-file=" + System.getProperty("medledger.it.salt-file"),
                "-Dmedledger.ledger.ConsentRegistry.address=" + consentRegistry(),
                "-Dmedledger.ledger.ConsortiumRegistry.address=" + consortiumRegistry(web3j),
                "-Dmedledger.ledger.RecordAnchor.address=" + anchorContract))) {
            ConsentRegistry registry = ConsentRegistry.load(consentRegistry(), web3j,
                    new ReadonlyTransactionManager(web3j, null), new DefaultGasProvider());
            BigInteger consentsBefore = registry.consentCount().send();
            hospitalB.start();
            String addressA = walletAddress(Path.of(System.getProperty("medledger.it.data-dir")));
            String patientAtB = create(hospitalB, "Patient", patient(shared));
            String observationAtB = create(hospitalB, "Observation", observation(patientAtB));
            String addressB = walletAddress(base.resolve("data"));
            admit(web3j, addressB, hospitalB.baseUrl());

            // A's system registered at B, B's system registered at A.
            RSAKey keyOfA = new RSAKeyGenerator(2048).keyID("a").generate();
            RSAKey keyOfB = new RSAKeyGenerator(2048).keyID("b").generate();
            String tokenOfBAtA = token(MedLedgerDeployment.baseUrl(), register(MedLedgerDeployment.baseUrl(),
                    keyOfB, addressB), keyOfB);
            String tokenOfAAtB = token(hospitalB.baseUrl(), register(hospitalB.baseUrl(), keyOfA, addressA), keyOfA);
            String atA = MedLedgerDeployment.baseUrl() + "/fhir/Observation/" + observationAtA;
            String atB = hospitalB.baseUrl() + "/fhir/Observation/" + observationAtB;
            assertEquals(403, read(atA, tokenOfBAtA));
            assertEquals(403, read(atB, tokenOfAAtB));

            // The patient consents at A for B: B's system reads from A; revoked at A, denied.
            String consentAtA = hospitalA.create("Consent", ConsentFixtures.consent(patientAtA, addressB, "active",
                    "observations", "TREAT"));
            awaitStatus(atA, tokenOfBAtA, s -> s == 200, MedLedgerDeployment.baseUrl(), consentAtA);
            revoke(MedLedgerDeployment.baseUrl(), consentAtA, patientAtA, addressB);
            awaitStatus(atA, tokenOfBAtA, s -> s == 403, MedLedgerDeployment.baseUrl(), consentAtA);

            // The reverse: consent at B for A; A's system reads from B; revoked at B, denied.
            String consentAtB = create(hospitalB, "Consent", ConsentFixtures.consent(patientAtB, addressA, "active",
                    "observations", "TREAT"));
            awaitStatus(atB, tokenOfAAtB, s -> s == 200, hospitalB.baseUrl(), consentAtB);
            revoke(hospitalB.baseUrl(), consentAtB, patientAtB, addressA);
            awaitStatus(atB, tokenOfAAtB, s -> s == 403, hospitalB.baseUrl(), consentAtB);

            // Across hospitals: given at A (for A), honoured by B once mined; revoked at A, ended at B once mined.
            String crossConsent = hospitalA.create("Consent", ConsentFixtures.consent(patientAtA, addressA, "active",
                    "observations", "TREAT"));
            awaitStatus(atB, tokenOfAAtB, s -> s == 200, MedLedgerDeployment.baseUrl(), crossConsent);
            revoke(MedLedgerDeployment.baseUrl(), crossConsent, patientAtA, addressA);
            awaitStatus(atB, tokenOfAAtB, s -> s == 403, MedLedgerDeployment.baseUrl(), crossConsent);
            assertEquals(consentsBefore.add(BigInteger.valueOf(3)), registry.consentCount().send(),
                    "three consents on chain, one per Consent");
            assertTrue(registry.consentAt(consentsBefore.add(BigInteger.TWO)).send().revoked);
        } finally {
            web3j.shutdown();
        }
    }

    /** Hospital A, the only member so far, proposes B and votes for it: a strict majority of one. */
    private static void admit(Web3j web3j, String addressB, String fhirBaseB) throws Exception {
        Credentials a = WalletUtils.loadCredentials("integration-test-only",
                Path.of(System.getProperty("medledger.it.data-dir"), "keys", "ledger-account.json").toFile());
        ConsortiumRegistry registry = ConsortiumRegistry.load(consortiumRegistry(web3j), web3j,
                new RawTransactionManager(web3j, a, web3j.ethChainId().send().getChainId().longValueExact()),
                new StaticGasProvider(web3j.ethGasPrice().send().getGasPrice(), BigInteger.valueOf(3_000_000)));
        BigInteger proposal = registry.proposalCount().send();
        // A's server sends anchor transactions from the same account: a nonce race is retried, not a failure.
        for (int attempt = 0; attempt < 5 && registry.proposalCount().send().equals(proposal); attempt++) {
            try {
                registry.proposeAdd(addressB, "Integration-Test-Hospital-B", fhirBaseB + "/fhir", "").send();
            } catch (Exception raced) {
                Thread.sleep(300);
            }
        }
        for (int attempt = 0; attempt < 5 && !registry.isMember(addressB).send(); attempt++) {
            try {
                registry.vote(proposal).send();
            } catch (Exception raced) {
                Thread.sleep(300);
            }
        }
        assertTrue(registry.isMember(addressB).send(), "B is a member");
    }

    private static String consentRegistry() throws Exception {
        String body = new FhirHttp().getAsAdministrator("/fhir/Consent/none/$ledger-status").body();
        return FhirHttp.parameters(body).get("registry").path("valueString").asText();
    }

    private static String consortiumRegistry(Web3j web3j) throws Exception {
        return ConsentRegistry.load(consentRegistry(), web3j, new ReadonlyTransactionManager(web3j, null),
                new DefaultGasProvider()).registry().send();
    }

    private static String walletAddress(Path dataDir) throws Exception {
        return "0x" + FhirHttp.JSON.readTree(Files.readString(dataDir.resolve("keys/ledger-account.json")))
                .path("address").asText();
    }

    private void revoke(String server, String consent, String patient, String grantee) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + "/fhir/Consent/" + consent))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(ConsentFixtures.consent(patient, grantee, "inactive",
                        "observations", "TREAT").replace("{\"resourceType\":\"Consent\",",
                        "{\"resourceType\":\"Consent\",\"id\":\"" + consent + "\","))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private String create(StandaloneServer server, String type, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/fhir/" + type))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return FhirHttp.JSON.readTree(response.body()).path("id").asText();
    }

    private String register(String server, RSAKey key, String memberAddress) throws Exception {
        String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"name\",\"valueString\":\"Synthetic member system\"},"
                + "{\"name\":\"jwks\",\"valueString\":"
                + FhirHttp.JSON.writeValueAsString(new JWKSet(key.toPublicJWK()).toString()) + "},"
                + "{\"name\":\"scope\",\"valueString\":\"system/*.rs\"},"
                + "{\"name\":\"member-address\",\"valueString\":\"" + memberAddress + "\"}]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + "/fhir/$register-backend-client"))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + FhirHttp.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(parameters)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return FhirHttp.parameters(response.body()).get("client_id").path("valueString").asText();
    }

    private String token(String server, String client, RSAKey key) throws Exception {
        String endpoint = server + "/fhir/auth/token";
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(client).subject(client).audience(endpoint)
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString())
                        .build());
        assertion.sign(new RSASSASigner(key));
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion.serialize() + "&scope=" + URLEncoder.encode("system/*.rs",
                StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return FhirHttp.JSON.readTree(response.body()).path("access_token").asText();
    }

    private int read(String url, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Polls a read until it answers as expected; on failure, says where the consent stands on chain. */
    private void awaitStatus(String url, String token, IntPredicate expected, String consentServer, String consent)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int status = read(url, token);
        while (!expected.test(status) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = read(url, token);
        }
        if (!expected.test(status)) {
            String ledger = http.send(HttpRequest.newBuilder(URI.create(consentServer + "/fhir/Consent/" + consent
                            + "/$ledger-status")).header("Authorization", "Bearer " + FhirHttp.ADMIN_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            throw new AssertionError(url + " answered " + status + "; the consent on chain: " + ledger);
        }
    }

    private static String patient(String sharedIdentifier) {
        return SyntheticPatients.json("TwoHospitals").replace("\"resourceType\":\"Patient\",",
                "\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + ConsentFixtures.SHARED_SYSTEM
                        + "\",\"value\":\"" + sharedIdentifier + "\"}],");
    }

    private static String observation(String patient) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"2026-01-02T10:00:00Z",
                 "valueQuantity":{"value":64,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}"""
                .formatted(patient);
    }
}
