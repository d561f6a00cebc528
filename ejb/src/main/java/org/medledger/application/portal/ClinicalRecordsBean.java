package org.medledger.application.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;

@Stateless
public class ClinicalRecordsBean implements ClinicalRecords {

    private static final int CHART_SIZE = 200;
    private static final int NOTE_MAX_CHARS = 4000;
    /** A doctor's patient list shows a patient when any of these may be seen for treatment. */
    private static final List<ResourceCategory> LISTED_WHEN = List.of(ResourceCategory.DEMOGRAPHICS,
            ResourceCategory.OBSERVATIONS, ResourceCategory.CONDITIONS, ResourceCategory.MEDICATIONS,
            ResourceCategory.ALLERGIES, ResourceCategory.ENCOUNTERS);
    /** FHIR R4 condition-clinical codes. */
    static final Set<String> CLINICAL_STATUSES = Set.of("active", "recurrence", "relapse", "inactive", "remission",
            "resolved");

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private PortalCallers callers;

    @EJB
    private ChartRecords chart;

    @Override
    public List<PatientSummary> patientsOf(String doctorUsername, String query) {
        Function<String, Accessor> doctor = callers.clinicianFor(callers.verifiedClinician(doctorUsername));
        String wanted = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<PatientSummary> result = new ArrayList<>();
        for (UserAccount account : em.createQuery("SELECT u FROM UserAccount u WHERE u.role = :patient "
                + "ORDER BY u.displayName", UserAccount.class).setParameter("patient", Role.PATIENT)
                .setMaxResults(2000).getResultList()) {
            String reference = account.getFhirReference();
            if (reference == null || !reference.startsWith("Patient/")) {
                continue;
            }
            String patientId = reference.substring("Patient/".length());
            if (!wanted.isEmpty() && !account.getDisplayName().toLowerCase(Locale.ROOT).contains(wanted)) {
                continue;
            }
            Accessor asked = doctor.apply(patientId);
            if (LISTED_WHEN.stream().anyMatch(category -> chart.mayRead(patientId, asked, category))) {
                records.read("Patient", patientId).filter(p -> !p.deleted()).ifPresent(p -> result.add(summary(p)));
            }
        }
        return result;
    }

    @Override
    public PatientChart chartForDoctor(String doctorUsername, String patientId) {
        PractitionerCredential credential = callers.verifiedClinician(doctorUsername);
        Accessor doctor = callers.clinician(credential, patientId);
        StoredResource patient = chart.patient(patientId);
        // While the clinician's break-glass window is open, the chart is read for emergency treatment.
        Optional<Instant> emergencyUntil = chart.emergencyUntil(patientId, doctor);
        PurposeOfUse purpose = emergencyUntil.isPresent() ? PurposeOfUse.ETREAT : PurposeOfUse.TREAT;
        boolean demographics = chart.mayRead(patientId, doctor, ResourceCategory.DEMOGRAPHICS, purpose);
        List<StoredResource> allowed = new ArrayList<>();
        List<String> released = new ArrayList<>();
        int withheld = 0;
        for (StoredResource resource : chart.compartment(patientId, CHART_SIZE)) {
            if (chart.mayRead(patientId, doctor, ChartRecords.categoryOf(resource), purpose)) {
                allowed.add(resource);
                released.add(resource.resourceType() + "/" + resource.id());
            } else {
                withheld++;
            }
        }
        if (!demographics && allowed.isEmpty()) {
            throw new PortalAccessDeniedException("This patient has not given you access to their records");
        }
        released.add("Patient/" + patientId);
        chart.audit("read", "R", doctorUsername, callers.clinicianAccount(doctorUsername).getRole(), released,
                purpose);
        PatientSummary heading = demographics ? summary(patient)
                : new PatientSummary(patientId, "Patient " + patientId, "", "");
        return new PatientChart(heading, allowed.stream().map(chart::entry).toList(), ChartRecords.vitals(allowed),
                withheld, emergencyUntil.orElse(null));
    }

    @Override
    public PatientChart myChart(String patientUsername) {
        String patientId = callers.patientIdOf(patientUsername);
        StoredResource patient = chart.patient(patientId);
        List<StoredResource> mine = chart.compartment(patientId, CHART_SIZE);
        return new PatientChart(summary(patient), mine.stream().map(chart::entry).toList(), ChartRecords.vitals(mine),
                0);
    }

    @Override
    public ChartEntry recordObservation(String doctorUsername, String patientId, ObservationEntry observation) {
        UserAccount doctor = treating(doctorUsername, patientId, ResourceCategory.OBSERVATIONS, "observations");
        String what = required(observation.what(), 128, "Enter what was measured (at most 128 characters)");
        if (observation.value() == null) {
            throw new InvalidRecordException("Enter the measured value as a number");
        }
        String unit = required(observation.unit(), 32, "Enter the unit (at most 32 characters)");
        ObjectNode json = ChartRecords.JSON.createObjectNode().put("resourceType", "Observation")
                .put("status", "final");
        json.withArray("category").addObject().withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/observation-category").put("code", "vital-signs");
        json.putObject("code").put("text", what);
        json.putObject("subject").put("reference", "Patient/" + patientId);
        json.put("effectiveDateTime", now());
        if (doctor.getFhirReference() != null) {
            json.withArray("performer").addObject().put("reference", doctor.getFhirReference());
        }
        json.putObject("valueQuantity").put("value", observation.value()).put("unit", unit);
        return write(doctorUsername, patientId, json);
    }

    @Override
    public ChartEntry recordCondition(String doctorUsername, String patientId, ConditionEntry condition) {
        UserAccount doctor = treating(doctorUsername, patientId, ResourceCategory.CONDITIONS, "conditions");
        String text = required(condition.condition(), 200, "Enter the condition (at most 200 characters)");
        String status = condition.clinicalStatus() == null ? "" : condition.clinicalStatus().strip();
        if (!CLINICAL_STATUSES.contains(status)) {
            throw new InvalidRecordException("Choose the clinical status");
        }
        if (condition.onset() != null && condition.onset().isAfter(LocalDate.now())) {
            throw new InvalidRecordException("The onset date cannot be in the future");
        }
        ObjectNode json = ChartRecords.JSON.createObjectNode().put("resourceType", "Condition");
        json.putObject("clinicalStatus").withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", status);
        json.putObject("verificationStatus").withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status").put("code", "confirmed");
        json.withArray("category").addObject().withArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-category")
                .put("code", "encounter-diagnosis");
        json.putObject("code").put("text", text);
        json.putObject("subject").put("reference", "Patient/" + patientId);
        if (condition.onset() != null) {
            json.put("onsetDateTime", condition.onset().toString());
        }
        json.put("recordedDate", now());
        if (doctor.getFhirReference() != null) {
            json.putObject("asserter").put("reference", doctor.getFhirReference());
        }
        return write(doctorUsername, patientId, json);
    }

    @Override
    public ChartEntry recordPrescription(String doctorUsername, String patientId, PrescriptionEntry prescription) {
        UserAccount doctor = treating(doctorUsername, patientId, ResourceCategory.MEDICATIONS, "medications");
        String medication = required(prescription.medication(), 200,
                "Enter the medication (at most 200 characters)");
        String dosage = required(prescription.dosage(), 500, "Enter the dosage (at most 500 characters)");
        ObjectNode json = ChartRecords.JSON.createObjectNode().put("resourceType", "MedicationRequest")
                .put("status", "active").put("intent", "order");
        json.putObject("medicationCodeableConcept").put("text", medication);
        json.putObject("subject").put("reference", "Patient/" + patientId);
        json.put("authoredOn", now());
        if (doctor.getFhirReference() != null) {
            json.putObject("requester").put("reference", doctor.getFhirReference());
        }
        json.withArray("dosageInstruction").addObject().put("text", dosage);
        return write(doctorUsername, patientId, json);
    }

    @Override
    public ChartEntry recordNote(String doctorUsername, String patientId, String note) {
        UserAccount doctor = treating(doctorUsername, patientId, ResourceCategory.DOCUMENTS, "documents");
        String text = required(note, NOTE_MAX_CHARS, "Write the note (at most " + NOTE_MAX_CHARS + " characters)");
        ObjectNode json = ChartRecords.JSON.createObjectNode().put("resourceType", "DocumentReference")
                .put("status", "current");
        json.putObject("type").put("text", "Progress note").withArray("coding").addObject()
                .put("system", "http://loinc.org").put("code", "11506-3").put("display", "Progress note");
        json.withArray("category").addObject().withArray("coding").addObject()
                .put("system", "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category")
                .put("code", "clinical-note").put("display", "Clinical Note");
        json.putObject("subject").put("reference", "Patient/" + patientId);
        json.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (doctor.getFhirReference() != null) {
            json.withArray("author").addObject().put("reference", doctor.getFhirReference());
        }
        json.withArray("content").addObject().putObject("attachment")
                .put("contentType", "text/plain; charset=utf-8")
                .put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return write(doctorUsername, patientId, json);
    }

    /** The verified clinician's account, once the patient's consent covers the category the write adds to. */
    private UserAccount treating(String doctorUsername, String patientId, ResourceCategory category, String what) {
        PractitionerCredential credential = callers.verifiedClinician(doctorUsername);
        chart.patient(patientId);
        Accessor clinician = callers.clinician(credential, patientId);
        if (!chart.mayRead(patientId, clinician, category, chart.purposeFor(patientId, clinician))) {
            throw new PortalAccessDeniedException("This patient has not given you access to their " + what);
        }
        return callers.clinicianAccount(doctorUsername);
    }

    private ChartEntry write(String doctorUsername, String patientId, ObjectNode json) {
        String type = json.path("resourceType").asText();
        StoredResource stored = records.create(type, json.toString());
        Accessor clinician = callers.clinician(callers.verifiedClinician(doctorUsername), patientId);
        chart.audit("create", "C", doctorUsername, callers.clinicianAccount(doctorUsername).getRole(),
                List.of(type + "/" + stored.id(), "Patient/" + patientId), chart.purposeFor(patientId, clinician));
        return chart.entry(stored);
    }

    private static String required(String value, int maxLength, String message) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > maxLength) {
            throw new InvalidRecordException(message);
        }
        return text;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static PatientSummary summary(StoredResource patient) {
        var json = ChartRecords.parse(patient);
        var name = json.path("name").path(0);
        StringBuilder display = new StringBuilder();
        for (var given : name.path("given")) {
            display.append(given.asText()).append(' ');
        }
        display.append(name.path("family").asText());
        return new PatientSummary(patient.id(), display.toString().strip(), json.path("gender").asText(""),
                json.path("birthDate").asText(""));
    }
}
