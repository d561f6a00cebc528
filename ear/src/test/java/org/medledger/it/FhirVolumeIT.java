package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A whole synthetic patient history as another EHR would export it: one transaction of 10,000 entries and about
 * 30 MB (encounters, observations with LOINC codes, conditions with SNOMED codes, medication requests with
 * contained medications, documents with base64 attachments), referring to practitioners, organizations and
 * locations loaded beforehand by a batch with ifNoneExist. It must be accepted in one request, atomically; a body
 * over the size limit gets 413.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FhirVolumeIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final FhirHttp HTTP = new FhirHttp();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L);
    private static final String STAFF = "urn:medledger:test:staff";

    @Test
    void aTenThousandEntryThirtyMegabyteHistoryIsAcceptedInOneAtomicRequest() throws Exception {
        Bundle directory = new Bundle().setType(Bundle.BundleType.BATCH);
        for (int i = 0; i < 5; i++) {
            Practitioner practitioner = new Practitioner();
            practitioner.addIdentifier().setSystem(STAFF).setValue("DR-" + RUN + "-" + i);
            practitioner.addName().setFamily("Clinician" + i);
            conditional(directory, practitioner, "identifier=" + STAFF + "|DR-" + RUN + "-" + i);
        }
        Organization organization = new Organization().setName("Synthetic Hospital " + RUN);
        organization.addIdentifier().setSystem(STAFF).setValue("ORG-" + RUN);
        conditional(directory, organization, "identifier=" + STAFF + "|ORG-" + RUN);
        Location ward = new Location().setName("Ward " + RUN);
        ward.addIdentifier().setSystem(STAFF).setValue("LOC-" + RUN);
        conditional(directory, ward, "identifier=" + STAFF + "|LOC-" + RUN);
        HttpResponse<String> loaded = HTTP.post("/fhir", FHIR.newJsonParser().encodeResourceToString(directory),
                "application/fhir+json");
        assertEquals(200, loaded.statusCode(), loaded.body());

        String history = FHIR.newJsonParser().encodeResourceToString(history(10_000));
        int bytes = history.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes > 28_000_000 && bytes < 40_000_000, "about 30 MB: " + bytes);

        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl()
                        + "/fhir")).header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .timeout(Duration.ofMinutes(25)).POST(HttpRequest.BodyPublishers.ofString(history)).build());
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(200, response.statusCode(), response.body().substring(0, Math.min(2000, response.body().length())));
        JsonNode result = FhirHttp.JSON.readTree(response.body());
        assertEquals(10_000, result.path("entry").size());
        for (JsonNode entry : result.path("entry")) {
            assertEquals("201 Created", entry.path("response").path("status").asText());
        }
        System.out.printf("10,000-entry transaction of %,d bytes stored in %d s%n", bytes, seconds);

        String patientId = result.path("entry").get(0).path("response").path("location").asText().split("/")[1];
        JsonNode everything = FhirHttp.JSON.readTree(HTTP.get("/fhir/Patient/" + patientId + "/$everything?_count=50")
                .body());
        assertEquals(10_000, everything.path("total").asInt(), "the patient and 9,999 resources that refer to it");
        JsonNode encounters = FhirHttp.JSON.readTree(HTTP.get("/fhir/Encounter?patient=Patient/" + patientId
                + "&_count=1").body());
        JsonNode encounter = encounters.path("entry").get(0).path("resource");
        assertTrue(encounter.path("participant").get(0).path("individual").path("reference").asText()
                .startsWith("Practitioner/"), encounter.toString());
        assertTrue(encounter.path("serviceProvider").path("reference").asText().startsWith("Organization/"));
        assertTrue(encounter.path("location").get(0).path("location").path("reference").asText().startsWith("Location/"));
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWith413() throws Exception {
        byte[] huge = new byte[64 * 1024 * 1024 + 512 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(MedLedgerDeployment.baseUrl()
                        + "/fhir")).header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build());
        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals("OperationOutcome", FhirHttp.JSON.readTree(refused.body()).path("resourceType").asText());
        assertEquals(200, HTTP.get("/fhir/metadata").statusCode(), "healthy afterwards");
    }

    private static void conditional(Bundle batch, Resource resource, String condition) {
        BundleEntryComponent entry = batch.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType()).setIfNoneExist(condition);
    }

    /** Entry 0 is the patient; the rest refer to it, to their encounter and to the staff loaded before. */
    private static Bundle history(int entries) {
        Random random = new Random(20261122);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:medledger:test:mrn").setValue(SyntheticPatients.recorded("VOL-" + RUN));
        patient.addName().setFamily(SyntheticPatients.recorded("Volumepatient" + RUN)).addGiven("Synthetic");
        patient.setGender(Enumerations.AdministrativeGender.UNKNOWN);
        add(bundle, patientUrn, patient);
        Reference subject = new Reference(patientUrn);
        String encounterUrn = null;
        for (int i = 1; i < entries; i++) {
            if (i % 50 == 1) {
                encounterUrn = "urn:uuid:" + UUID.randomUUID();
                Encounter encounter = new Encounter();
                encounter.setStatus(Encounter.EncounterStatus.FINISHED);
                encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
                encounter.setSubject(subject);
                encounter.addParticipant().setIndividual(new Reference("Practitioner?identifier=" + STAFF + "|DR-"
                        + RUN + "-" + (i % 5)));
                encounter.setServiceProvider(new Reference("Organization?identifier=" + STAFF + "|ORG-" + RUN));
                encounter.addLocation().setLocation(new Reference("Location?identifier=" + STAFF + "|LOC-" + RUN));
                add(bundle, encounterUrn, encounter);
            } else if (i % 250 == 2) {
                DocumentReference document = new DocumentReference();
                document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
                document.setSubject(subject);
                byte[] pdf = new byte[320_000];
                random.nextBytes(pdf);
                document.addContent().setAttachment(new Attachment().setContentType("application/pdf").setData(pdf)
                        .setTitle("Synthetic discharge letter " + i));
                add(bundle, "urn:uuid:" + UUID.randomUUID(), document);
            } else if (i % 50 == 3) {
                Condition condition = new Condition();
                condition.setSubject(subject);
                condition.setEncounter(new Reference(encounterUrn));
                condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "Hypertension")));
                add(bundle, "urn:uuid:" + UUID.randomUUID(), condition);
            } else if (i % 50 == 4) {
                MedicationRequest request = new MedicationRequest();
                Medication medication = new Medication();
                medication.setId("med");
                medication.setCode(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm",
                        "197361", "Amlodipine 5 MG Oral Tablet")));
                request.addContained(medication);
                request.setMedication(new Reference("#med"));
                request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
                request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
                request.setSubject(subject);
                request.setEncounter(new Reference(encounterUrn));
                add(bundle, "urn:uuid:" + UUID.randomUUID(), request);
            } else {
                Observation observation = new Observation();
                observation.setStatus(Observation.ObservationStatus.FINAL);
                observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", "Heart rate")));
                observation.setSubject(subject);
                observation.setEncounter(new Reference(encounterUrn));
                observation.setEffective(new DateTimeType("2025-0" + (1 + i % 9) + "-1" + (i % 9) + "T08:00:00Z"));
                observation.setValue(new Quantity().setValue(50 + random.nextInt(60)).setUnit("/min")
                        .setSystem("http://unitsofmeasure.org").setCode("/min"));
                observation.addNote().setText("Synthetic nursing note " + i + " " + "x".repeat(random.nextInt(1600)));
                add(bundle, "urn:uuid:" + UUID.randomUUID(), observation);
            }
        }
        return bundle;
    }

    private static void add(Bundle bundle, String fullUrl, Resource resource) {
        BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
    }
}
