package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an attacker or a broken client sends, over HTTP to the real server: XML external entities, entity expansion,
 * absurd nesting, huge bundles and strings, bytes that are not UTF-8, the wrong content type, writes into another
 * hospital's patient without consent, and ids that try to be paths. Each is answered with a 4xx and an
 * OperationOutcome, stores nothing (the type's version count is unchanged), and leaves the server serving.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileInputIT {

    private static final FhirHttp HTTP = new FhirHttp();

    @AfterEach
    void serverStillServes() throws Exception {
        assertEquals(200, HTTP.get("/fhir/metadata").statusCode(), "GET /fhir/metadata after the hostile request");
    }

    @Test
    void xmlExternalEntitiesAreNeverResolved() throws Exception {
        long before = versions("Patient");
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Patient [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Patient xmlns="http://hl7.org/fhir"><name><family value="&xxe;"/></name></Patient>""";
        HttpResponse<String> refused = send("POST", "/fhir/Patient", bytes(xxe), "application/fhir+xml");
        assertRefused(refused);
        assertFalse(refused.body().contains("root:"), "the file's content must not come back");
        String parameterEntity = """
                <?xml version="1.0"?>
                <!DOCTYPE Patient [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]>
                <Patient xmlns="http://hl7.org/fhir"><gender value="other"/></Patient>""";
        assertRefused(send("POST", "/fhir/Patient", bytes(parameterEntity), "application/fhir+xml"));
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void entityExpansionIsRefusedWithoutExpandingIt() throws Exception {
        long before = versions("Patient");
        StringBuilder entities = new StringBuilder("<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            entities.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE Patient [" + entities + "]>"
                + "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"&l10;\"/></name></Patient>";
        assertRefused(send("POST", "/fhir/Patient", bytes(laughs), "application/fhir+xml"));
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void jsonNestedAHundredThousandLevelsDeepIsRefused() throws Exception {
        long before = versions("Patient");
        int depth = 100_000;
        String arrays = "{\"resourceType\":\"Patient\",\"name\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
        assertRefused(send("POST", "/fhir/Patient", bytes(arrays), "application/fhir+json"));
        String extensions = "{\"resourceType\":\"Patient\",\"extension\":"
                + "[{\"url\":\"urn:x\",\"extension\":".repeat(depth) + "[]" + "}]".repeat(depth) + "}";
        assertRefused(send("POST", "/fhir/Patient", bytes(extensions), "application/fhir+json"));
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void aTenThousandEntryTransactionWithErrorsStoresNothing() throws Exception {
        long patients = versions("Patient");
        long observations = versions("Observation");
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        bundle.append("{\"fullUrl\":\"urn:uuid:0b0c7e52-0000-4000-8000-000000000000\",\"resource\":")
                .append(SyntheticPatients.json("Hostilebundle")).append(",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}");
        for (int i = 1; i < 10_000; i++) {
            // Every 2,500th entry is invalid: an Observation without its mandatory code.
            String code = i % 2_500 == 0 ? "" : "\"code\":{\"text\":\"Synthetic pulse\"},";
            bundle.append(",{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",")
                    .append(code)
                    .append("\"subject\":{\"reference\":\"urn:uuid:0b0c7e52-0000-4000-8000-000000000000\"},")
                    .append("\"valueQuantity\":{\"value\":").append(60 + i % 40).append(",\"unit\":\"/min\"}},")
                    .append("\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
        }
        bundle.append("]}");
        HttpResponse<String> refused = send("POST", "/fhir", bytes(bundle.toString()), "application/fhir+json");
        JsonNode outcome = assertRefused(refused);
        assertTrue(outcome.toString().contains("Bundle.entry[2500]"), "names the first bad entry: " + outcome);
        assertEquals(patients, versions("Patient"), "no patient stored");
        assertEquals(observations, versions("Observation"), "no observation stored");
    }

    @Test
    void aTwentyMegabyteStringIsRefused() throws Exception {
        long before = versions("Patient");
        String huge = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "S".repeat(20 * 1024 * 1024)
                + "\"}]}";
        assertRefused(send("POST", "/fhir/Patient", bytes(huge), "application/fhir+json"));
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNotReplaced() throws Exception {
        long before = versions("Patient");
        for (byte[] bad : List.of(new byte[]{(byte) 0xC3, 0x28}, new byte[]{(byte) 0xFF, (byte) 0xFE},
                new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[]{(byte) 0xE2, (byte) 0x82})) {
            assertRefused(send("POST", "/fhir/Patient", around("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Synth",
                    bad, "\"}]}"), "application/fhir+json"));
            assertRefused(send("POST", "/fhir/Patient", around("<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"Synth",
                    bad, "\"/></name></Patient>"), "application/fhir+xml"));
        }
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void aLoneSurrogateEscapeIsRefused() throws Exception {
        long before = versions("Patient");
        assertRefused(send("POST", "/fhir/Patient",
                bytes("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Synth\\ud800patient\"}]}"),
                "application/fhir+json"));
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void aJsonMemberWithAnEmptyNameIsRefused() throws Exception {
        // Found by FhirJsonInputFuzzTest: HAPI's parser failed on it with a StringIndexOutOfBoundsException (a 500).
        long before = versions("Patient");
        assertRefused(send("POST", "/fhir/Patient",
                bytes("{\"resourceType\":\"Patient\",\"identifier\":[{\"\":\"SYN-0001\"}]}"), "application/fhir+json"), 400);
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void anXmlBundleEntryWhoseResourceHoldsNoResourceIsRefused() throws Exception {
        // Found by BundleProcessingFuzzTest: HAPI's parser failed on it with a NullPointerException (a 500).
        long before = versions("Encounter");
        String bundle = "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/><entry>"
                + "<fullUrl value=\"urn:uuid:6f1c0e3a-0000-4000-8000-000000000002\"/><resource value=\"x\"/>"
                + "<request><method value=\"POST\"/><url value=\"Encounter\"/></request></entry></Bundle>";
        assertRefused(send("POST", "/fhir", bytes(bundle), "application/fhir+xml"), 400);
        assertEquals(before, versions("Encounter"), "nothing stored");
    }

    @Test
    void aBodyThatIsNotFhirContentIsRefused() throws Exception {
        long before = versions("Patient");
        byte[] patient = bytes(SyntheticPatients.json("Wrongcontenttype"));
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/octet-stream")) {
            assertRefused(send("POST", "/fhir/Patient", patient, type));
            assertRefused(send("PUT", "/fhir/Patient/wrong-content-type", patient, type));
            assertRefused(send("POST", "/fhir", bytes("{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[]}"),
                    type));
        }
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    @Test
    void anotherHospitalCannotWriteIntoAPatientsRecordWithoutConsent() throws Exception {
        String patient = HTTP.create("Patient", ConsentFixtures.patientWithSharedIdentifier());
        String observation = HTTP.create("Observation", observation(patient));
        String token = BackendClients.accessToken(HTTP, "Synthetic writing system of another hospital",
                "system/*.cruds", ConsentFixtures.randomAddress());
        long before = versions("Observation");

        JsonNode created = assertRefused(asClient(token, "POST", "/fhir/Observation", observation(patient)), 403);
        assertTrue(created.toString().contains("consent"), created.toString());
        assertRefused(asClient(token, "PUT", "/fhir/Observation/" + observation,
                observation(patient).replace("{\"resourceType\":\"Observation\",",
                        "{\"resourceType\":\"Observation\",\"id\":\"" + observation + "\",")), 403);
        assertRefused(asClient(token, "PUT", "/fhir/Observation/planted-" + System.nanoTime(),
                observation(patient).replace("{\"resourceType\":\"Observation\",",
                        "{\"resourceType\":\"Observation\",\"id\":\"planted\",")));
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                + observation(patient) + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        assertRefused(asClient(token, "POST", "/fhir", bundle), 403);
        assertEquals(before, versions("Observation"), "nothing stored");
    }

    @Test
    void idsThatLookLikePathsAreRefused() throws Exception {
        long before = versions("Patient");
        List<String> ids = List.of("..%2F..%2Fetc%2Fpasswd", "%2E%2E%2F%2E%2E%2Fpasswd", "a%2Fb", "a%3Bb", "a;b",
                "a%00b", "a%20b", "%C3%A9t%C3%A9", "x".repeat(65), "x".repeat(10_000));
        for (String id : ids) {
            String body = SyntheticPatients.json("Pathid").replace("{\"resourceType\":\"Patient\",",
                    "{\"resourceType\":\"Patient\",\"id\":\"" + java.net.URLDecoder.decode(id, StandardCharsets.UTF_8)
                            .replace("\u0000", "\\u0000") + "\",");
            HttpResponse<String> refused = send("PUT", "/fhir/Patient/" + id, bytes(body), "application/fhir+json");
            assertRefused(refused);
            HttpResponse<String> read = send("GET", "/fhir/Patient/" + id, null, null);
            assertTrue(read.statusCode() >= 400 && read.statusCode() < 500, id + ": " + read.statusCode());
        }
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                + SyntheticPatients.json("Pathid") + ",\"request\":{\"method\":\"PUT\",\"url\":\"Patient/../../etc\"}}]}";
        assertRefused(send("POST", "/fhir", bytes(bundle), "application/fhir+json"));
        assertEquals(before, versions("Patient"), "nothing stored");
    }

    /** How many versions of this type the server holds (its type history's total). */
    private static long versions(String type) throws Exception {
        HttpResponse<String> history = HTTP.get("/fhir/" + type + "/_history?_count=1");
        assertEquals(200, history.statusCode(), history.body());
        JsonNode total = FhirHttp.JSON.readTree(history.body()).path("total");
        assertTrue(total.isNumber(), "history has a total: " + history.body());
        return total.asLong();
    }

    private static JsonNode assertRefused(HttpResponse<String> response) throws Exception {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                "expected a 4xx, got " + response.statusCode() + ": " + abbreviated(response.body()));
        JsonNode outcome = FhirHttp.JSON.readTree(response.body());
        assertEquals("OperationOutcome", outcome.path("resourceType").asText(), abbreviated(response.body()));
        return outcome;
    }

    private static JsonNode assertRefused(HttpResponse<String> response, int status) throws Exception {
        assertEquals(status, response.statusCode(), abbreviated(response.body()));
        return assertRefused(response);
    }

    private static HttpResponse<String> send(String method, String path, byte[] body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl() + path))
                .header("Accept", "application/fhir+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build());
    }

    private static HttpResponse<String> asClient(String token, String method, String path, String json)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl() + path))
                .header("Accept", "application/fhir+json").header("Content-Type", "application/fhir+json")
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String observation(String patient) {
        return """
                {"resourceType":"Observation","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/%s"},
                 "valueQuantity":{"value":70,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}"""
                .formatted(patient);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] around(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(before));
        out.writeBytes(middle);
        out.writeBytes(bytes(after));
        return out.toByteArray();
    }

    private static String abbreviated(String body) {
        return body.length() > 2_000 ? body.substring(0, 2_000) + "..." : body;
    }
}
