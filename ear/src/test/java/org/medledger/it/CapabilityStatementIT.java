package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code /fhir/metadata} claims nothing the server does not do: for a sample of types (a clinical one, Patient, a
 * financial one, the read-only AuditEvent) every interaction it declares is exercised and answers 2xx, and
 * undeclared writes are refused. Unknown types and malformed ids get 4xx OperationOutcomes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CapabilityStatementIT {

    private static final FhirHttp HTTP = new FhirHttp();
    private static final Map<String, String> SAMPLES = Map.of(
            "Patient", SyntheticPatients.json("Capability"),
            "Observation", """
                    {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org",
                     "code":"8867-4"}]},"valueQuantity":{"value":60,"unit":"/min","system":"http://unitsofmeasure.org",
                     "code":"/min"}}""",
            "Claim", """
                    {"resourceType":"Claim","status":"active","use":"claim","created":"2026-01-01",
                     "type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"oral"}]},
                     "patient":{"reference":"Patient/capability-someone"},"provider":{"display":"Synthetic clinic"},
                     "priority":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/processpriority",
                     "code":"normal"}]},"insurance":[{"sequence":1,"focal":true,
                     "coverage":{"display":"Synthetic cover"}}]}""");
    private static JsonNode capability;

    @BeforeAll
    static void fetch() throws Exception {
        HttpResponse<String> metadata = HTTP.get("/fhir/metadata");
        assertEquals(200, metadata.statusCode());
        capability = FhirHttp.JSON.readTree(metadata.body());
    }

    private static Set<String> interactions(String type) {
        for (JsonNode resource : capability.path("rest").get(0).path("resource")) {
            if (type.equals(resource.path("type").asText())) {
                Set<String> codes = new LinkedHashSet<>();
                resource.path("interaction").forEach(i -> codes.add(i.path("code").asText()));
                return codes;
            }
        }
        throw new AssertionError(type + " is not in the CapabilityStatement");
    }

    @Test
    void everyR4ResourceTypeIsDeclared() {
        assertEquals(146, capability.path("rest").get(0).path("resource").size());
    }

    @Test
    void everyInteractionDeclaredForWritableTypesWorks() throws Exception {
        for (String type : List.of("Patient", "Observation", "Claim")) {
            Set<String> declared = interactions(type);
            assertEquals(Set.of("read", "vread", "update", "patch", "delete", "history-instance", "history-type",
                    "create", "search-type"), declared, type);
            Map<String, Integer> statuses = exercise(type, declared);
            statuses.forEach((interaction, status) ->
                    assertEquals(2, status / 100, type + " " + interaction + " answered " + status));
            assertEquals(declared, statuses.keySet(), type);
        }
    }

    @Test
    void auditEventIsReadOnlyAndSaysSo() throws Exception {
        Set<String> declared = interactions("AuditEvent");
        assertFalse(declared.contains("create") || declared.contains("update") || declared.contains("delete")
                || declared.contains("patch"), declared.toString());
        assertTrue(declared.containsAll(Set.of("read", "vread", "search-type", "history-type")), declared.toString());
        HttpResponse<String> create = HTTP.post("/fhir/AuditEvent", """
                {"resourceType":"AuditEvent","type":{"code":"rest"},"recorded":"2026-01-01T00:00:00Z",
                 "agent":[{"requestor":true}],"source":{"observer":{"display":"someone"}}}""", "application/fhir+json");
        assertTrue(create.statusCode() == 400 || create.statusCode() == 405, create.body());
        assertTrue(create.body().contains("not-supported"), create.body());
        assertEquals(200, HTTP.get("/fhir/AuditEvent?_count=1").statusCode());
    }

    @Test
    void declaredOperationsAreTheOnesTheServerImplements() {
        Set<String> operations = new LinkedHashSet<>();
        capability.path("rest").get(0).path("operation").forEach(o -> operations.add(o.path("name").asText()));
        for (JsonNode resource : capability.path("rest").get(0).path("resource")) {
            resource.path("operation").forEach(o -> operations.add(o.path("name").asText()));
        }
        assertTrue(Set.of("verify", "validate", "everything", "erase", "integrity-sweep", "rotate-keys",
                "key-rotation-status", "consent-decision", "ledger-status", "register-backend-client", "break-glass")
                .containsAll(operations), operations.toString());
        assertTrue(operations.containsAll(Set.of("verify", "everything", "erase", "consent-decision", "ledger-status")),
                operations.toString());
    }

    @Test
    void unknownTypesAndMalformedIdsAreClearClientErrors() throws Exception {
        for (String path : List.of("/fhir/NoSuchType/1", "/fhir/NoSuchType", "/fhir/Patient/not%20an%20id",
                "/fhir/Patient/" + "x".repeat(65), "/fhir/Patient/abc/_history/notanumber")) {
            HttpResponse<String> response = HTTP.get(path);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404, path + " -> "
                    + response.statusCode() + " " + response.body());
            assertEquals("OperationOutcome", FhirHttp.JSON.readTree(response.body()).path("resourceType").asText(), path);
        }
    }

    /** Performs each declared interaction once on a fresh resource of the type; returns the HTTP status of each. */
    private static Map<String, Integer> exercise(String type, Set<String> declared) throws Exception {
        Map<String, Integer> statuses = new HashMap<>();
        String id = HTTP.create(type, SAMPLES.get(type));
        statuses.put("create", 201);
        String base = "/fhir/" + type;
        for (String interaction : declared) {
            switch (interaction) {
                case "create" -> { }
                case "read" -> statuses.put(interaction, HTTP.get(base + "/" + id).statusCode());
                case "vread" -> statuses.put(interaction, HTTP.get(base + "/" + id + "/_history/1").statusCode());
                case "history-instance" -> statuses.put(interaction, HTTP.get(base + "/" + id + "/_history").statusCode());
                case "history-type" -> statuses.put(interaction, HTTP.get(base + "/_history?_count=5").statusCode());
                case "search-type" -> statuses.put(interaction, HTTP.get(base + "?_id=" + id).statusCode());
                case "update" -> {
                    JsonNode current = FhirHttp.JSON.readTree(HTTP.get(base + "/" + id).body());
                    statuses.put(interaction, send("PUT", base + "/" + id, current.toString(), "application/fhir+json"));
                }
                case "patch" -> statuses.put(interaction, send("PATCH", base + "/" + id,
                        "[{\"op\":\"add\",\"path\":\"/language\",\"value\":\"en\"}]", "application/json-patch+json"));
                case "delete" -> { }
                default -> throw new AssertionError("the CapabilityStatement declares " + interaction
                        + " for " + type + ", which this test does not know how to exercise");
            }
        }
        if (declared.contains("delete")) {
            statuses.put("delete", send("DELETE", base + "/" + id, null, null));
            assertEquals(410, HTTP.get(base + "/" + id).statusCode());
        }
        return statuses;
    }

    private static int send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl() + path))
                .header("Accept", "application/fhir+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> response = HTTP.send(request.build());
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + " -> " + response.body());
        return response.statusCode();
    }
}
