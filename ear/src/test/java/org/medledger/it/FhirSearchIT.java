package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search over the index: by patient, code, date prefixes, blind-indexed names and identifiers, with
 * paging links that walk every match once, and clear errors for what is not supported.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FhirSearchIT {

    private static final FhirHttp HTTP = new FhirHttp();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L);
    private static String patientId;
    private static String otherPatientId;

    @BeforeAll
    static void loadSyntheticChart() throws Exception {
        patientId = HTTP.create("Patient", """
                {"resourceType":"Patient","identifier":[{"system":"urn:medledger:test:mrn","value":"%s"}],
                 "name":[{"family":"%s","given":["Zeta"]}],"gender":"female","birthDate":"1985-04-12"}"""
                .formatted(SyntheticPatients.recorded("MRN-" + RUN), SyntheticPatients.recorded("Searchpatient" + RUN)));
        otherPatientId = HTTP.create("Patient", """
                {"resourceType":"Patient","name":[{"family":"%s","given":["Eta"]}],"gender":"male"}"""
                .formatted(SyntheticPatients.recorded("Otherpatient" + RUN)));
        for (int i = 0; i < 25; i++) {
            observation(patientId, "8867-4", "Heart rate", "2026-0" + (1 + i % 3) + "-1" + (i % 9) + "T08:00:00Z", 60 + i);
        }
        observation(patientId, "8310-5", "Body temperature", "2025-12-01T08:00:00Z", 37);
        observation(otherPatientId, "8867-4", "Heart rate", "2026-01-15T08:00:00Z", 80);
    }

    @Test
    void searchByPatientPagesThroughEveryMatchOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        String next = "/fhir/Observation?patient=Patient/" + patientId + "&_count=10";
        int pages = 0;
        JsonNode first = null;
        while (next != null) {
            JsonNode bundle = FhirHttp.JSON.readTree(HTTP.get(next).body());
            if (first == null) {
                first = bundle;
            }
            bundle.path("entry").forEach(e -> ids.add(e.path("resource").path("id").asText()));
            next = null;
            for (JsonNode link : bundle.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    next = link.path("url").asText().replaceFirst("^https?://[^/]+", "");
                }
            }
            pages++;
        }
        assertEquals(26, first.path("total").asInt());
        assertEquals(3, pages);
        assertEquals(26, ids.size());
        assertEquals(26, new HashSet<>(ids).size(), "no match is returned twice");
    }

    @Test
    void codeAndDatePrefixesNarrowTheResult() throws Exception {
        assertEquals(25, total("/fhir/Observation?subject=Patient/" + patientId + "&code=" + enc("http://loinc.org|8867-4")));
        assertEquals(1, total("/fhir/Observation?patient=" + patientId + "&code=8310-5"));
        assertEquals(26, total("/fhir/Observation?patient=" + patientId + "&code=8310-5,8867-4"));
        assertEquals(1, total("/fhir/Observation?patient=" + patientId + "&date=lt2026-01-01"));
        assertEquals(25, total("/fhir/Observation?patient=" + patientId + "&date=ge2026-01-01"));
        int january = total("/fhir/Observation?patient=" + patientId + "&date=2026-01");
        assertTrue(january > 0 && january < 25, "month precision: " + january);
        assertEquals(25, total("/fhir/Observation?patient=" + patientId + "&date=ge2026-01-01&date=le2026-03-31"));
    }

    @Test
    void namesAndIdentifiersMatchExactlyThroughBlindIndexes() throws Exception {
        assertEquals(Set.of(patientId), ids("/fhir/Patient?family=searchpatient" + RUN));
        assertEquals(Set.of(patientId), ids("/fhir/Patient?name=" + enc("  SEARCHPATIENT" + RUN + " ")));
        assertEquals(Set.of(patientId), ids("/fhir/Patient?identifier=" + enc("urn:medledger:test:mrn|MRN-" + RUN)));
        assertEquals(Set.of(patientId), ids("/fhir/Patient?identifier=MRN-" + RUN));
        assertEquals(Set.of(), ids("/fhir/Patient?identifier=" + enc("urn:other|MRN-" + RUN)));
        assertEquals(Set.of(patientId), ids("/fhir/Patient?family=Searchpatient" + RUN + "&gender=female&birthdate=1985"));
        try (StoreDatabase db = new StoreDatabase()) {
            assertEquals(0, db.number("SELECT COUNT(*) FROM search_index WHERE token_value LIKE ?",
                    "%earchpatient" + RUN + "%"), "names are never stored in clear");
        }
    }

    @Test
    void summaryCountAndSortingWork() throws Exception {
        JsonNode bundle = FhirHttp.JSON.readTree(HTTP.get("/fhir/Observation?patient=" + patientId
                + "&_summary=count").body());
        assertEquals(26, bundle.path("total").asInt());
        assertFalse(bundle.has("entry"));
        JsonNode sorted = FhirHttp.JSON.readTree(HTTP.get("/fhir/Observation?patient=" + patientId
                + "&_sort=-_lastUpdated&_count=3").body());
        String a = sorted.path("entry").get(0).path("resource").path("meta").path("lastUpdated").asText();
        String b = sorted.path("entry").get(2).path("resource").path("meta").path("lastUpdated").asText();
        assertTrue(a.compareTo(b) >= 0, a + " then " + b);
    }

    @Test
    void sortsByDateBothWaysAndAnswersInXmlWithElementsWhenAsked() throws Exception {
        JsonNode newest = FhirHttp.JSON.readTree(HTTP.get("/fhir/Observation?patient=Patient/" + patientId
                + "&_sort=-date&_count=30").body());
        List<String> dates = new ArrayList<>();
        newest.path("entry").forEach(e -> dates.add(e.path("resource").path("effectiveDateTime").asText()));
        assertEquals(26, dates.size());
        List<String> descending = new ArrayList<>(dates);
        descending.sort(java.util.Comparator.reverseOrder());
        assertEquals(descending, dates);
        JsonNode oldest = FhirHttp.JSON.readTree(HTTP.get("/fhir/Observation?patient=Patient/" + patientId
                + "&_sort=date&_count=1").body());
        assertEquals("2025-12-01T08:00:00Z",
                oldest.path("entry").get(0).path("resource").path("effectiveDateTime").asText());

        HttpResponse<String> xml = HTTP.get("/fhir/Observation?patient=Patient/" + patientId
                + "&_count=2&_format=xml");
        assertEquals(200, xml.statusCode());
        assertTrue(xml.body().startsWith("<Bundle xmlns=\"http://hl7.org/fhir\">"), xml.body());
        JsonNode trimmed = FhirHttp.JSON.readTree(HTTP.get("/fhir/Observation?patient=Patient/" + patientId
                + "&_count=2&_elements=code").body());
        JsonNode first = trimmed.path("entry").get(0).path("resource");
        assertTrue(first.has("code") && !first.has("valueQuantity") && !first.has("subject"), first.toString());
    }

    @Test
    void unsupportedOrMalformedSearchesAreClear400s() throws Exception {
        for (String query : List.of("/fhir/Observation?colour=blue", "/fhir/Observation?date=yesterday",
                "/fhir/Observation?_has:Observation:subject:code=1", "/fhir/Observation?_include=Observation:nosuch", "/fhir/Observation?_sort=patient")) {
            HttpResponse<String> response = HTTP.get(query);
            assertEquals(400, response.statusCode(), query + " -> " + response.body());
            assertEquals("OperationOutcome", FhirHttp.JSON.readTree(response.body()).path("resourceType").asText());
        }
    }

    @Test
    void theCapabilityStatementDeclaresTheIndexedParameters() throws Exception {
        JsonNode capability = FhirHttp.JSON.readTree(HTTP.get("/fhir/metadata").body());
        Set<String> observationParams = new HashSet<>();
        Set<String> observationIncludes = new HashSet<>();
        Set<String> patientRevIncludes = new HashSet<>();
        for (JsonNode resource : capability.path("rest").get(0).path("resource")) {
            if ("Observation".equals(resource.path("type").asText())) {
                resource.path("searchParam").forEach(p -> observationParams.add(p.path("name").asText()));
                resource.path("searchInclude").forEach(i -> observationIncludes.add(i.asText()));
            }
            if ("Patient".equals(resource.path("type").asText())) {
                resource.path("searchRevInclude").forEach(i -> patientRevIncludes.add(i.asText()));
            }
        }
        assertTrue(observationIncludes.containsAll(Set.of("Observation:patient", "Observation:encounter")),
                observationIncludes.toString());
        assertTrue(patientRevIncludes.containsAll(Set.of("Observation:patient", "Condition:subject")),
                patientRevIncludes.toString());
        assertTrue(observationParams.containsAll(Set.of("_id", "_lastUpdated", "patient", "subject", "code",
                "category", "date", "status", "encounter")), observationParams.toString());
    }

    private static void observation(String patient, String code, String display, String when, int value)
            throws Exception {
        HTTP.create("Observation", """
                {"resourceType":"Observation","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%d,"unit":"1","system":"http://unitsofmeasure.org","code":"1"}}"""
                .formatted(code, display, patient, when, value));
    }

    private static int total(String query) throws Exception {
        HttpResponse<String> response = HTTP.get(query);
        assertEquals(200, response.statusCode(), query + " -> " + response.body());
        return FhirHttp.JSON.readTree(response.body()).path("total").asInt();
    }

    private static Set<String> ids(String query) throws Exception {
        HttpResponse<String> response = HTTP.get(query);
        assertEquals(200, response.statusCode(), query + " -> " + response.body());
        Set<String> ids = new HashSet<>();
        FhirHttp.JSON.readTree(response.body()).path("entry").forEach(e -> ids.add(e.path("resource").path("id").asText()));
        return ids;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
