package org.medledger.interfaces.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.medledger.application.consent.ResearchPseudonyms;
import org.medledger.infrastructure.crypto.ResearchPseudonym;

/** The research profile on synthetic resources: what must go is gone, what a researcher needs still links. */
class ResearchReleaseTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ResearchPseudonym KEYED = new ResearchPseudonym(new SecretKeySpec(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, "HmacSHA256"));
    private static final ResearchPseudonyms PSEUDONYMS = new ResearchPseudonyms() {
        @Override
        public String idOf(String resourceType, String id) {
            return KEYED.idOf(resourceType, id);
        }

        @Override
        public int dateShiftDays(String patientId) {
            return KEYED.dateShiftDays(patientId);
        }
    };
    private final ResearchRelease release = new ResearchRelease(FHIR, PSEUDONYMS);

    private static final String PATIENT = """
            {"resourceType":"Patient","id":"p-synth-1","meta":{"versionId":"3","lastUpdated":"2026-03-01T10:00:00Z"},
             "text":{"status":"generated","div":"<div xmlns=\\"http://www.w3.org/1999/xhtml\\">Synthia Testperson</div>"},
             "extension":[{"url":"http://example.org/birthplace","valueString":"Synthtown"}],
             "identifier":[{"system":"urn:medledger:consortium:patient-id","value":"SYN-4711"}],
             "name":[{"family":"Testperson","given":["Synthia"]}],
             "telecom":[{"system":"phone","value":"+00 555 0142"},{"system":"email","value":"synthia@example.org"}],
             "gender":"female","birthDate":"1980-05-17",
             "address":[{"line":["1 Synthetic Street"],"city":"Synthtown","postalCode":"99999","state":"Teststate","country":"XX"}],
             "photo":[{"contentType":"image/png","data":"iVBORw0KGgo="}],
             "contact":[{"name":{"family":"Relative"},"telecom":[{"system":"phone","value":"+00 555 0143"}]}],
             "generalPractitioner":[{"reference":"Practitioner/dr-9","display":"Dr Synth"}]}""";

    private static final String OBSERVATION = """
            {"resourceType":"Observation","id":"o-synth-1","status":"final",
             "code":{"text":"Heart rate"},"subject":{"reference":"Patient/p-synth-1","display":"Synthia Testperson"},
             "effectiveDateTime":"2026-02-10T08:30:00Z","issued":"2026-02-12T08:30:00Z",
             "performer":[{"reference":"https://elsewhere.example/fhir/Practitioner/x","display":"Dr Elsewhere"}],
             "note":[{"text":"Synthia said her neighbour drove her"}],
             "valueQuantity":{"value":72,"unit":"/min"}}""";

    @Test
    void aPatientKeepsNothingThatNamesOrLocatesThem() {
        Patient original = FHIR.newJsonParser().parseResource(Patient.class, PATIENT);
        Patient copy = (Patient) release.copyOf(original, "p-synth-1");
        String json = FHIR.newJsonParser().encodeResourceToString(copy);
        for (String identifying : List.of("Synthia", "Testperson", "SYN-4711", "555", "example.org", "Synthetic Street",
                "Synthtown", "99999", "iVBOR", "Relative", "Dr Synth", "1980-05-17", "p-synth-1", "dr-9")) {
            assertFalse(json.contains(identifying), identifying + " must not be released: " + json);
        }
        assertEquals("1980", copy.getBirthDateElement().getValueAsString(), "the birth year only");
        assertEquals("Teststate", copy.getAddressFirstRep().getState());
        assertEquals("XX", copy.getAddressFirstRep().getCountry());
        assertEquals("female", copy.getGender().toCode());
        assertEquals("Patient/" + KEYED.idOf("Patient", "p-synth-1"), copy.getIdElement().toUnqualifiedVersionless()
                .getValue());
        assertEquals("Practitioner/" + KEYED.idOf("Practitioner", "dr-9"),
                copy.getGeneralPractitionerFirstRep().getReference());
        assertNull(copy.getMeta().getVersionId());
        assertTrue(ResearchRelease.isReleaseCopy(copy));
        assertFalse(ResearchRelease.isReleaseCopy(original));
        assertEquals("Synthia", original.getNameFirstRep().getGivenAsSingleString(), "the stored resource is untouched");
    }

    @Test
    void datesMoveTogetherSoIntervalsSurviveAndReferencesStillLink() {
        Observation original = FHIR.newJsonParser().parseResource(Observation.class, OBSERVATION);
        Observation copy = (Observation) release.copyOf(original, "p-synth-1");
        int shift = KEYED.dateShiftDays("p-synth-1");
        assertNotEquals(original.getEffectiveDateTimeType().getValue(), copy.getEffectiveDateTimeType().getValue());
        assertEquals(Duration.ofDays(shift).toMillis(), copy.getEffectiveDateTimeType().getValue().getTime()
                - original.getEffectiveDateTimeType().getValue().getTime());
        assertEquals(Duration.ofDays(2).toMillis(), copy.getIssued().getTime()
                - copy.getEffectiveDateTimeType().getValue().getTime(), "the interval between the two dates");
        Patient patient = (Patient) release.copyOf(FHIR.newJsonParser().parseResource(Patient.class, PATIENT),
                "p-synth-1");
        assertEquals(patient.getIdElement().toUnqualifiedVersionless().getValue(), copy.getSubject().getReference(),
                "the observation still points at the released patient");
        assertNull(copy.getSubject().getDisplay());
        assertFalse(copy.getPerformerFirstRep().hasReference(), "a reference to another server is removed");
        assertFalse(copy.hasNote());
        assertEquals(72, copy.getValueQuantity().getValue().intValue(), "the clinical content stays");
        assertEquals("Heart rate", copy.getCode().getText());
    }

    @Test
    void attachmentsLoseTheirContentAndTheVeryOldTheirBirthDate() {
        DocumentReference document = FHIR.newJsonParser().parseResource(DocumentReference.class, """
                {"resourceType":"DocumentReference","id":"d-1","status":"current","subject":{"reference":"Patient/p-2"},
                 "content":[{"attachment":{"contentType":"application/pdf","data":"JVBERi0=","url":"Binary/b-1",
                 "title":"Letter for Synthia","size":5}}]}""");
        DocumentReference copy = (DocumentReference) release.copyOf(document, "p-2");
        var attachment = copy.getContentFirstRep().getAttachment();
        assertEquals("application/pdf", attachment.getContentType());
        assertFalse(attachment.hasData() || attachment.hasUrl() || attachment.hasTitle());

        Patient old = new Patient();
        old.setId("p-3");
        old.setBirthDateElement(new org.hl7.fhir.r4.model.DateType((Year.now().getValue() - 95) + "-01-01"));
        assertFalse(((Patient) release.copyOf(old, "p-3")).hasBirthDate(), "over 89: no birth date at all");
    }
}
