package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP against the server under test: what a hospital system or a browser would send. */
final class FhirHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_TOKEN = "integration-test-admin-token";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final String baseUrl;

    /** Speaks to the server Arquillian deployed to. */
    FhirHttp() {
        this(MedLedgerDeployment.baseUrl());
    }

    /** Speaks to another server, e.g. a {@link StandaloneServer}. */
    FhirHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpResponse<String> get(String path) throws Exception {
        String accept = path.startsWith("/portal") ? "text/html" : "application/fhir+json";
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build());
    }

    HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .header("Accept", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> postAsAdministrator(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> getAsAdministrator(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Creates a resource and returns its logical id. */
    String create(String type, String json) throws Exception {
        HttpResponse<String> created = post("/fhir/" + type, json, "application/fhir+json");
        assertEquals(201, created.statusCode(), created.body());
        Matcher id = Pattern.compile("/" + type + "/([^/]+)/_history/").matcher(
                created.headers().firstValue("Location").orElseThrow());
        if (!id.find()) {
            throw new AssertionError("no id in Location");
        }
        return id.group(1);
    }

    /** $verify of the latest version, polled until it is no longer pending (or 90 s pass). */
    Map<String, JsonNode> awaitVerification(String type, String id) throws Exception {
        return awaitParameters("/fhir/" + type + "/" + id + "/$verify",
                p -> !"pending".equals(p.get("result").path("valueCode").asText()), Duration.ofSeconds(90));
    }

    Map<String, JsonNode> verification(String type, String id) throws Exception {
        HttpResponse<String> response = get("/fhir/" + type + "/" + id + "/$verify");
        assertEquals(200, response.statusCode(), response.body());
        return parameters(response.body());
    }

    Map<String, JsonNode> awaitParameters(String path, Predicate<Map<String, JsonNode>> done, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), response.body());
            Map<String, JsonNode> byName = parameters(response.body());
            if (done.test(byName) || System.nanoTime() > deadline) {
                return byName;
            }
            Thread.sleep(250);
        }
    }

    /** The health report, polled until the predicate holds (or the limit passes). */
    JsonNode awaitHealth(Predicate<JsonNode> done, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            JsonNode health = JSON.readTree(get("/portal/health").body());
            if (done.test(health) || System.nanoTime() > deadline) {
                return health;
            }
            Thread.sleep(250);
        }
    }

    static Map<String, JsonNode> parameters(String body) throws Exception {
        Map<String, JsonNode> byName = new HashMap<>();
        JSON.readTree(body).path("parameter").forEach(p -> byName.putIfAbsent(p.path("name").asText(), p));
        return byName;
    }

    static String result(Map<String, JsonNode> verification) {
        return verification.get("result").path("valueCode").asText();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
