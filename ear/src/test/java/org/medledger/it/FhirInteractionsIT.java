package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The FHIR interactions an integration engine relies on, through HAPI's generic client from outside the server:
 * transaction and batch bundles, conditional create/update/delete, version-checked updates, and paged
 * {@code $everything}. Every patient and practitioner here is synthetic.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FhirInteractionsIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final FhirHttp HTTP = new FhirHttp();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L);
    private static final String MRN_SYSTEM = "urn:medledger:test:mrn";
    private static final String NPI_SYSTEM = "urn:medledger:test:practitioner";
    private static IGenericClient client;

    @BeforeAll
    static void connect() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(300_000);
        client = FHIR.newRestfulGenericClient(MedLedgerDeployment.baseUrl() + "/fhir");
    }

    private static Patient syntheticPatient(String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(SyntheticPatients.recorded(mrn));
        patient.addName().setFamily(SyntheticPatients.recorded("Bundlepatient" + RUN)).addGiven("Synthetic");
        patient.setGender(AdministrativeGender.OTHER);
        return patient;
    }

    private static Observation heartRate(Reference subject, Reference encounter, int value) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        observation.setSubject(subject);
        if (encounter != null) {
            observation.setEncounter(encounter);
        }
        observation.setEffective(new DateTimeType("2026-03-0" + (1 + value % 9) + "T08:00:00Z"));
        observation.setValue(new Quantity().setValue(value).setUnit("/min").setSystem("http://unitsofmeasure.org")
                .setCode("/min"));
        return observation;
    }

    private static BundleEntryComponent post(Bundle bundle, String fullUrl, org.hl7.fhir.r4.model.Resource resource) {
        BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        return entry;
    }

    @Test
    void transactionResolvesUrnUuidAndConditionalReferencesAndHonoursIfNoneExist() {
        // A practitioner loaded earlier by a batch with ifNoneExist, referenced conditionally afterwards.
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem(NPI_SYSTEM).setValue("PR-" + RUN);
        practitioner.addName().setFamily("Clinician" + RUN);
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        for (int i = 0; i < 2; i++) {
            BundleEntryComponent entry = post(batch, "urn:uuid:" + UUID.randomUUID(), practitioner.copy());
            entry.getRequest().setIfNoneExist("identifier=" + NPI_SYSTEM + "|PR-" + RUN);
        }
        Bundle batchResponse = client.transaction().withBundle(batch).execute();
        assertEquals(Bundle.BundleType.BATCHRESPONSE, batchResponse.getType());
        assertEquals("201 Created", batchResponse.getEntry().get(0).getResponse().getStatus());
        assertEquals("200 OK", batchResponse.getEntry().get(1).getResponse().getStatus(), "ifNoneExist matched");
        assertEquals(batchResponse.getEntry().get(0).getResponse().getLocation(),
                batchResponse.getEntry().get(1).getResponse().getLocation());
        String practitionerId = new IdType(batchResponse.getEntry().get(0).getResponse().getLocation()).getIdPart();

        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        String encounterUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        post(transaction, patientUrn, syntheticPatient("TX-" + RUN));
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference(patientUrn));
        encounter.addParticipant().setIndividual(new Reference("Practitioner?identifier=" + NPI_SYSTEM + "|PR-" + RUN));
        post(transaction, encounterUrn, encounter);
        for (int i = 0; i < 3; i++) {
            post(transaction, "urn:uuid:" + UUID.randomUUID(), heartRate(new Reference(patientUrn),
                    new Reference(encounterUrn), 70 + i));
        }

        Bundle response = client.transaction().withBundle(transaction).execute();

        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, response.getType());
        assertEquals(5, response.getEntry().size());
        response.getEntry().forEach(e -> assertEquals("201 Created", e.getResponse().getStatus()));
        String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();
        String encounterId = new IdType(response.getEntry().get(1).getResponse().getLocation()).getIdPart();
        Encounter storedEncounter = client.read().resource(Encounter.class).withId(encounterId).execute();
        assertEquals("Patient/" + patientId, storedEncounter.getSubject().getReference());
        assertEquals("Practitioner/" + practitionerId,
                storedEncounter.getParticipantFirstRep().getIndividual().getReference());
        Observation observation = client.read().resource(Observation.class)
                .withId(new IdType(response.getEntry().get(2).getResponse().getLocation()).getIdPart()).execute();
        assertEquals("Patient/" + patientId, observation.getSubject().getReference());
        assertEquals("Encounter/" + encounterId, observation.getEncounter().getReference());
        Bundle found = client.search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId("Patient/" + patientId)).returnBundle(Bundle.class).execute();
        assertEquals(3, found.getTotal());
    }

    @Test
    void aFailingEntryRollsBackTheWholeTransaction() {
        String family = SyntheticPatients.recorded("Rollback" + RUN);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = syntheticPatient("RB-" + RUN);
        patient.getNameFirstRep().setFamily(family);
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        post(transaction, patientUrn, patient);
        post(transaction, "urn:uuid:" + UUID.randomUUID(), heartRate(new Reference(patientUrn), null, 61));
        // The third entry refers to a practitioner no one registered: the transaction must fail as a whole.
        Observation orphan = heartRate(new Reference(patientUrn), null, 62);
        orphan.addPerformer(new Reference("Practitioner?identifier=" + NPI_SYSTEM + "|NOBODY-" + RUN));
        post(transaction, "urn:uuid:" + UUID.randomUUID(), orphan);

        ResourceNotFoundException failure = assertThrows(ResourceNotFoundException.class,
                () -> client.transaction().withBundle(transaction).execute());
        assertTrue(failure.getMessage().contains("Bundle entry 2"), failure.getMessage());
        assertFalse(failure.getMessage().contains("NOBODY"), "no identifier values in errors: " + failure.getMessage());

        Bundle none = client.search().forResource(Patient.class).where(Patient.FAMILY.matchesExactly().value(family))
                .returnBundle(Bundle.class).execute();
        assertEquals(0, none.getTotal(), "nothing of the failed transaction was stored");
    }

    @Test
    void transactionWithADanglingUrnReferenceIsRefused() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        post(transaction, "urn:uuid:" + UUID.randomUUID(),
                heartRate(new Reference("urn:uuid:" + UUID.randomUUID()), null, 90));
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> client.transaction().withBundle(transaction).execute());
        assertTrue(refused.getMessage().contains("is to no entry of this bundle"), refused.getMessage());
    }

    @Test
    void batchEntriesSucceedOrFailOnTheirOwn() {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        post(batch, null, syntheticPatient("B1-" + RUN));
        BundleEntryComponent missing = batch.addEntry();
        missing.getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/does-not-exist-" + RUN);
        BundleEntryComponent badType = batch.addEntry();
        badType.getRequest().setMethod(HTTPVerb.GET).setUrl("NoSuchType/1");
        post(batch, null, syntheticPatient("B2-" + RUN));

        Bundle response = client.transaction().withBundle(batch).execute();

        assertEquals(4, response.getEntry().size());
        assertEquals("201 Created", response.getEntry().get(0).getResponse().getStatus());
        assertEquals("404 Not Found", response.getEntry().get(1).getResponse().getStatus());
        assertTrue(response.getEntry().get(1).getResponse().hasOutcome());
        assertEquals("400 Bad Request", response.getEntry().get(2).getResponse().getStatus());
        assertEquals("201 Created", response.getEntry().get(3).getResponse().getStatus());
    }

    @Test
    void conditionalCreateUpdateAndDelete() throws Exception {
        String mrn = "COND-" + RUN;
        String condition = "identifier=" + MRN_SYSTEM + "|" + mrn;
        MethodOutcome created = client.create().resource(syntheticPatient(mrn)).conditionalByUrl("Patient?" + condition)
                .execute();
        assertTrue(Boolean.TRUE.equals(created.getCreated()));
        MethodOutcome again = client.create().resource(syntheticPatient(mrn)).conditionalByUrl("Patient?" + condition)
                .execute();
        assertNotEquals(Boolean.TRUE, again.getCreated());
        assertEquals(created.getId().getIdPart(), again.getId().getIdPart());

        Patient changed = syntheticPatient(mrn);
        changed.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-02-02"));
        MethodOutcome updated = client.update().resource(changed).conditionalByUrl("Patient?" + condition).execute();
        assertEquals(created.getId().getIdPart(), updated.getId().getIdPart());
        assertEquals("2", updated.getId().getVersionIdPart());

        // A second patient with the same identifier makes the condition ambiguous: 412, nothing written.
        client.create().resource(syntheticPatient(mrn)).execute();
        assertThrows(PreconditionFailedException.class,
                () -> client.update().resource(syntheticPatient(mrn)).conditionalByUrl("Patient?" + condition).execute());

        String other = "identifier=" + MRN_SYSTEM + "|DEL-" + RUN;
        String deletable = client.create().resource(syntheticPatient("DEL-" + RUN)).execute().getId().getIdPart();
        client.delete().resourceConditionalByUrl("Patient?" + other).execute();
        HttpResponse<String> gone = HTTP.get("/fhir/Patient/" + deletable);
        assertEquals(410, gone.statusCode(), gone.body());
    }

    @Test
    void updatesCheckIfMatchAndAnswerWithVersionHeaders() throws Exception {
        String id = HTTP.create("Patient", SyntheticPatients.json("Ifmatch"));
        HttpResponse<String> read = HTTP.get("/fhir/Patient/" + id);
        assertEquals("W/\"1\"", read.headers().firstValue("ETag").orElseThrow());
        assertTrue(read.headers().firstValue("Last-Modified").isPresent());
        String body = FhirHttp.JSON.readTree(read.body()).toString();

        HttpResponse<String> stale = HTTP.send(HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl()
                        + "/fhir/Patient/" + id)).header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"7\"").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(412, stale.statusCode(), stale.body());
        assertEquals("OperationOutcome", FhirHttp.JSON.readTree(stale.body()).path("resourceType").asText());

        HttpResponse<String> current = HTTP.send(HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl()
                        + "/fhir/Patient/" + id)).header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"1\"").header("Prefer", "return=minimal")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(200, current.statusCode(), current.body());
        assertEquals("W/\"2\"", current.headers().firstValue("ETag").orElseThrow());
        assertTrue(current.headers().firstValue("Content-Location").orElseThrow()
                .endsWith("/Patient/" + id + "/_history/2"), current.headers().map().toString());
    }

    @Test
    void everythingPagesThroughThePatientsWholeCompartment() throws Exception {
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        post(transaction, patientUrn, syntheticPatient("EV-" + RUN));
        for (int i = 0; i < 45; i++) {
            post(transaction, "urn:uuid:" + UUID.randomUUID(), heartRate(new Reference(patientUrn), null, 50 + i));
        }
        Condition condition = new Condition();
        condition.setSubject(new Reference(patientUrn));
        condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertension")));
        post(transaction, "urn:uuid:" + UUID.randomUUID(), condition);
        Bundle response = client.transaction().withBundle(transaction).execute();
        String patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).getIdPart();

        Set<String> seen = new HashSet<>();
        List<String> types = new ArrayList<>();
        String next = "/fhir/Patient/" + patientId + "/$everything?_count=20";
        int pages = 0;
        while (next != null) {
            HttpResponse<String> page = HTTP.get(next);
            assertEquals(200, page.statusCode(), page.body());
            JsonNode bundle = FhirHttp.JSON.readTree(page.body());
            if (pages == 0) {
                assertEquals(47, bundle.path("total").asInt());
            }
            for (JsonNode entry : bundle.path("entry")) {
                JsonNode resource = entry.path("resource");
                assertTrue(seen.add(resource.path("resourceType").asText() + "/" + resource.path("id").asText()));
                types.add(resource.path("resourceType").asText());
            }
            next = null;
            for (JsonNode link : bundle.path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    next = link.path("url").asText().replaceFirst("^https?://[^/]+", "");
                }
            }
            pages++;
        }
        assertEquals(47, seen.size());
        assertEquals(3, pages);
        assertEquals("Patient", types.get(0));
        assertEquals(45, types.stream().filter("Observation"::equals).count());
        assertEquals(1, types.stream().filter("Condition"::equals).count());
        assertEquals(404, HTTP.get("/fhir/Patient/no-such-patient-" + RUN + "/$everything").statusCode());
    }

    @Test
    void includeAndRevincludeFollowTheIndexedReferences() throws Exception {
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        post(transaction, patientUrn, syntheticPatient("INC-" + RUN));
        post(transaction, "urn:uuid:" + UUID.randomUUID(), heartRate(new Reference(patientUrn), null, 71));
        post(transaction, "urn:uuid:" + UUID.randomUUID(), heartRate(new Reference(patientUrn), null, 72));
        String patientId = new IdType(client.transaction().withBundle(transaction).execute().getEntry().get(0)
                .getResponse().getLocation()).getIdPart();

        JsonNode forward = FhirHttp.JSON.readTree(HTTP.get("/fhir/Observation?patient=Patient/" + patientId
                + "&_include=Observation:patient").body());
        assertEquals(2, forward.path("total").asInt());
        assertEquals(List.of("match", "match", "include"), modes(forward));
        assertEquals("Patient/" + patientId, resourceKey(forward.path("entry").get(2)));

        JsonNode reverse = FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient?_id=" + patientId
                + "&_revinclude=Observation:patient").body());
        assertEquals(1, reverse.path("total").asInt());
        assertEquals(List.of("match", "include", "include"), modes(reverse));

        HttpResponse<String> wildcard = HTTP.get("/fhir/Observation?_include=*");
        assertEquals(400, wildcard.statusCode(), wildcard.body());
        HttpResponse<String> notAReference = HTTP.get("/fhir/Observation?_include=Observation:code");
        assertEquals(400, notAReference.statusCode(), notAReference.body());
    }

    private static List<String> modes(JsonNode bundle) {
        List<String> modes = new ArrayList<>();
        bundle.path("entry").forEach(e -> modes.add(e.path("search").path("mode").asText()));
        return modes;
    }

    private static String resourceKey(JsonNode entry) {
        return entry.path("resource").path("resourceType").asText() + "/" + entry.path("resource").path("id").asText();
    }

    @Test
    void jsonPatchChangesOneElementChecksVersionsAndRefusesBadPatches() throws Exception {
        String id = HTTP.create("Patient", SyntheticPatients.json("Patched"));
        HttpResponse<String> patched = patch(id, "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"female\"},"
                + "{\"op\":\"add\",\"path\":\"/name/0/given/-\",\"value\":\"Second\"}]", null);
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("W/\"2\"", patched.headers().firstValue("ETag").orElseThrow());
        Patient stored = client.read().resource(Patient.class).withId(id).execute();
        assertEquals(AdministrativeGender.FEMALE, stored.getGender());
        assertEquals(List.of("Synthetic", "Second"), stored.getNameFirstRep().getGiven().stream()
                .map(org.hl7.fhir.r4.model.StringType::getValue).toList());

        assertEquals(412, patch(id, "[{\"op\":\"remove\",\"path\":\"/gender\"}]", "W/\"1\"").statusCode());
        HttpResponse<String> failedTest = patch(id, "[{\"op\":\"test\",\"path\":\"/gender\",\"value\":\"male\"}]", null);
        assertEquals(422, failedTest.statusCode(), failedTest.body());
        assertEquals(400, patch(id, "{\"op\":\"remove\"}", null).statusCode());
        assertEquals(422, patch(id, "[{\"op\":\"remove\",\"path\":\"/no/such/path\"}]", null).statusCode());
        HttpResponse<String> invalid = patch(id, "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":{\"x\":1}}]", null);
        assertEquals(400, invalid.statusCode(), invalid.body());
        assertEquals("2", client.read().resource(Patient.class).withId(id).execute().getMeta().getVersionId(),
                "refused patches wrote nothing");
    }

    private static HttpResponse<String> patch(String id, String body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl()
                        + "/fhir/Patient/" + id)).header("Content-Type", "application/json-patch+json")
                .header("Accept", "application/fhir+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build());
    }

    @Test
    void writesAreValidatedAgainstTheBaseProfilesWithFhirPathLocations() throws Exception {
        HttpResponse<String> badCode = HTTP.post("/fhir/Patient",
                "{\"resourceType\":\"Patient\",\"gender\":\"purple\"}", "application/fhir+json");
        assertEquals(400, badCode.statusCode(), "an unknown code is refused while parsing: " + badCode.body());
        HttpResponse<String> incompleteLink = HTTP.post("/fhir/Patient",
                "{\"resourceType\":\"Patient\",\"link\":[{\"type\":\"seealso\"}]}", "application/fhir+json");
        assertEquals(422, incompleteLink.statusCode(), incompleteLink.body());
        JsonNode outcome = FhirHttp.JSON.readTree(incompleteLink.body());
        assertEquals("OperationOutcome", outcome.path("resourceType").asText());
        assertTrue(outcome.path("issue").toString().contains("Patient.link[0]"), incompleteLink.body());

        HttpResponse<String> noStatus = HTTP.post("/fhir/Observation", """
                {"resourceType":"Observation","code":{"text":"Heart rate"}}""", "application/fhir+json");
        assertEquals(422, noStatus.statusCode(), noStatus.body());
        assertTrue(noStatus.body().contains("Observation.status"), noStatus.body());

        // $validate reports without storing: issues for a bad resource, "no issues" for a good one.
        HttpResponse<String> report = HTTP.post("/fhir/Observation/$validate", """
                {"resourceType":"Observation","code":{"text":"Heart rate"}}""", "application/fhir+json");
        assertEquals(200, report.statusCode(), report.body());
        assertTrue(report.body().contains("\"severity\":\"error\""), report.body());
        HttpResponse<String> clean = HTTP.post("/fhir/Patient/$validate", SyntheticPatients.json("Valid"),
                "application/fhir+json");
        assertEquals(200, clean.statusCode(), clean.body());
        assertFalse(clean.body().contains("\"severity\":\"error\""), clean.body());

        // In a transaction the offending entry is named and nothing is stored.
        String family = SyntheticPatients.recorded("Invalidtx" + RUN);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = syntheticPatient("IV-" + RUN);
        patient.getNameFirstRep().setFamily(family);
        post(transaction, "urn:uuid:" + UUID.randomUUID(), patient);
        Observation incomplete = heartRate(new Reference("Patient/x"), null, 60);
        incomplete.setStatus(null);
        post(transaction, "urn:uuid:" + UUID.randomUUID(), incomplete);
        HttpResponse<String> refused = HTTP.post("/fhir", FHIR.newJsonParser().encodeResourceToString(transaction),
                "application/fhir+json");
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"Bundle.entry[1].resource\"") && refused.body().contains("Observation.status"),
                refused.body());
        assertEquals(0, FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient?family=" + family).body()).path("total").asInt());
    }

    @Test
    void historyIsPagedNewestFirstAndHonoursSince() throws Exception {
        String id = HTTP.create("Patient", SyntheticPatients.json("History"));
        for (int v = 2; v <= 5; v++) {
            JsonNode current = FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient/" + id).body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) current).put("birthDate", "1970-01-0" + v);
            HttpResponse<String> updated = HTTP.send(HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl()
                    + "/fhir/Patient/" + id)).header("Content-Type", "application/fhir+json")
                    .PUT(HttpRequest.BodyPublishers.ofString(current.toString())).build());
            assertEquals(200, updated.statusCode(), updated.body());
        }
        JsonNode page = FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient/" + id + "/_history?_count=2").body());
        assertEquals("history", page.path("type").asText());
        assertEquals(5, page.path("total").asInt());
        assertEquals(2, page.path("entry").size());
        assertEquals("5", page.path("entry").get(0).path("resource").path("meta").path("versionId").asText());
        assertTrue(page.path("link").toString().contains("\"next\""), "paged: " + page.path("link"));

        String third = FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient/" + id + "/_history/3").body())
                .path("meta").path("lastUpdated").asText();
        JsonNode since = FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient/" + id + "/_history?_since="
                + java.net.URLEncoder.encode(third, java.nio.charset.StandardCharsets.UTF_8)).body());
        assertEquals(3, since.path("total").asInt(), "versions 3, 4 and 5");

        JsonNode typeLevel = FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient/_history?_since="
                + java.net.URLEncoder.encode(third, java.nio.charset.StandardCharsets.UTF_8) + "&_count=50").body());
        assertTrue(typeLevel.path("total").asInt() >= 3, typeLevel.path("total").toString());
        assertEquals(404, HTTP.get("/fhir/Patient/no-such-" + RUN + "/_history").statusCode());
    }

    @Test
    void aBundleOfAnotherTypeIsRefusedClearly() throws Exception {
        HttpResponse<String> refused = HTTP.post("/fhir", "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}",
                "application/fhir+json");
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("transaction or batch"), refused.body());
    }
}
