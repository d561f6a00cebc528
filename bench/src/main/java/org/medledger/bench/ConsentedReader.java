package org.medledger.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Another member hospital's backend system reading Observations it holds a consent for: every read passes the
 * token check, the consent decision and the access audit, which the anonymous {@code read} scenario skips. Needs
 * the server's administrator token to register the client ({@code --admin-token}).
 */
final class ConsentedReader {

    private static final String SHARED_SYSTEM = "urn:medledger:consortium:patient-id";
    private static final String SCOPE = "system/Observation.rs";
    private static final Pattern JSON_STRING = Pattern.compile("\"%s\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CLIENT_ID = Pattern.compile(
            "\"name\"\\s*:\\s*\"client_id\"\\s*,\\s*\"valueString\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration TOKEN_RENEWAL = Duration.ofSeconds(200);

    private final String baseUrl;
    private final String adminToken;
    private final HttpClient http;
    private final String hospitalAddress = randomAddress();
    private final List<String> observations = new ArrayList<>();
    private RSAKey key;
    private String clientId;
    private volatile String token;
    private volatile Instant tokenIssued = Instant.EPOCH;

    ConsentedReader(String baseUrl, String adminToken, HttpClient http) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.http = http;
    }

    /**
     * Creates patients that carry the consortium's shared identifier, their observations and a consent of each to
     * the reading hospital, registers that hospital's client, and waits until the consents are enforced (mined and
     * followed).
     */
    void prepare(int patientCount, SyntheticClinicalData data, Creator creator) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String lastPatient = null;
        for (int i = 0; i < patientCount; i++) {
            String patient = data.patient(10_000 + i).replace("\"identifier\":[",
                    "\"identifier\":[{\"system\":\"" + SHARED_SYSTEM + "\",\"value\":\"BENCH-C-" + run + "-" + i
                            + "\"},");
            lastPatient = creator.create("Patient", patient);
            for (int j = 0; j < 5; j++) {
                observations.add(creator.create("Observation", data.observation(lastPatient)));
            }
            creator.create("Consent", consent(lastPatient));
        }
        register();
        String probe = observations.get(observations.size() - 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int status;
        do {
            Thread.sleep(500);
            status = http.send(request(probe), HttpResponse.BodyHandlers.discarding()).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        if (status != 200) {
            throw new IllegalStateException("The consents were not enforced within 120 s (last read: HTTP " + status
                    + "); is the chain node running and the server following it?");
        }
        System.out.printf("setup: %d consented patients, %d observations readable by member %s%n", patientCount,
                observations.size(), hospitalAddress);
    }

    /** A read of one consented Observation with the member hospital's token. */
    HttpRequest nextRequest() throws IOException, InterruptedException, JOSEException {
        return request(observations.get(ThreadLocalRandom.current().nextInt(observations.size())));
    }

    private HttpRequest request(String observationId) throws IOException, InterruptedException, JOSEException {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/Observation/" + observationId))
                .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token())
                .header("X-Purpose-Of-Use", "TREAT").timeout(Duration.ofSeconds(60)).GET().build();
    }

    private void register() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("bench").generate();
        String jwks = new JWKSet(key.toPublicJWK()).toString().replace("\\", "\\\\").replace("\"", "\\\"");
        String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"name\",\"valueString\":\"bench consented reader\"},"
                + "{\"name\":\"jwks\",\"valueString\":\"" + jwks + "\"},"
                + "{\"name\":\"scope\",\"valueString\":\"" + SCOPE + "\"},"
                + "{\"name\":\"member-address\",\"valueString\":\"" + hospitalAddress + "\"}]}";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/$register-backend-client"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(parameters)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = CLIENT_ID.matcher(registered.body());
        if (registered.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException("Registering the backend client answered HTTP " + registered.statusCode()
                    + "; is --admin-token the server's medledger.admin.token?");
        }
        clientId = id.group(1);
    }

    private synchronized String token() throws IOException, InterruptedException, JOSEException {
        if (token != null && Instant.now().isBefore(tokenIssued.plus(TOKEN_RENEWAL))) {
            return token;
        }
        String endpoint = baseUrl + "/auth/token";
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(endpoint)
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString())
                        .build());
        assertion.sign(new RSASSASigner(key));
        String form = "grant_type=client_credentials&client_assertion_type="
                + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion.serialize()) + "&scope=" + enc(SCOPE);
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher accessToken = Pattern.compile(String.format(JSON_STRING.pattern(), "access_token"))
                .matcher(issued.body());
        if (issued.statusCode() != 200 || !accessToken.find()) {
            throw new IllegalStateException("The token endpoint answered HTTP " + issued.statusCode());
        }
        token = accessToken.group(1);
        tokenIssued = Instant.now();
        return token;
    }

    private String consent(String patient) {
        return """
                {"resourceType":"Consent","status":"active",
                 "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                 "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                 "patient":{"reference":"Patient/%s"},
                 "policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
                 "provision":{"type":"permit",
                   "actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},
                             "reference":{"identifier":{"system":"urn:medledger:consortium-member","value":"%s"}}}],
                   "purpose":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActReason","code":"TREAT"}],
                   "code":[{"coding":[{"system":"urn:medledger:consent-category","code":"observations"}]}]}}"""
                .formatted(patient, hospitalAddress);
    }

    private static String randomAddress() {
        byte[] address = new byte[20];
        new SecureRandom().nextBytes(address);
        return "0x" + HexFormat.of().formatHex(address);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Creates a resource on the server and returns its id. */
    @FunctionalInterface
    interface Creator {
        String create(String type, String json) throws Exception;
    }
}
