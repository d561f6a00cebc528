package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.medledger.application.AuditEvents;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * Finds the one patient registered here that a verified doctor names by the shared identifier or the exact full
 * name; it never lists patients, so a doctor cannot browse who is cared for here. Every search is audited.
 */
@Stateless
public class PatientLookup {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final int CANDIDATES = 20;

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private ResourceSearch search;

    @EJB
    private PortalCallers callers;

    /** The patient the doctor names; audited as a search for {@code purpose}. */
    public PatientMatch find(String doctorUsername, String query, String purpose) {
        callers.verifiedDoctor(doctorUsername);
        String wanted = query == null ? "" : query.strip().replaceAll("\\s+", " ");
        if (wanted.isEmpty() || wanted.length() > 200) {
            throw new InvalidRecordException("Enter the patient's identifier or full name");
        }
        Set<String> found = new LinkedHashSet<>();
        if (IDENTIFIER.matcher(wanted).matches()) {
            found.addAll(ids(List.of(new SearchCriterion("identifier",
                    List.of(MedLedgerSettings.sharedPatientIdentifierSystem() + "|" + wanted)))));
        }
        if (found.isEmpty()) {
            found.addAll(byExactName(wanted));
        }
        if (found.isEmpty()) {
            throw new InvalidRecordException("No patient registered here has this identifier or full name");
        }
        if (found.size() > 1) {
            throw new InvalidRecordException("More than one patient has this name: use the patient's identifier");
        }
        String patientId = found.iterator().next();
        StoredResource patient = records.read("Patient", patientId).orElseThrow();
        UserAccount doctor = callers.account(doctorUsername, Role.DOCTOR);
        records.create("AuditEvent", AuditEvents.portalAccess("search-type", "E", doctorUsername,
                doctor.getDisplayName(), "doctor", purpose, List.of("Patient/" + patientId),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        return new PatientMatch(patientId, ClinicalRecordsBean.summary(patient).displayName(),
                loginOf(patientId).isPresent());
    }

    /** The portal login of a patient, if they have one. */
    public Optional<UserAccount> loginOf(String patientId) {
        return em.createQuery("SELECT u FROM UserAccount u WHERE u.role = :patient AND u.fhirReference = :reference",
                        UserAccount.class).setParameter("patient", Role.PATIENT)
                .setParameter("reference", "Patient/" + patientId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Every way to split the name into given names and a family name; the whole name must then match exactly. */
    private List<String> byExactName(String wanted) {
        String[] words = wanted.split(" ");
        List<String> matches = new ArrayList<>();
        for (int split = 1; split < words.length; split++) {
            String family = String.join(" ", List.of(words).subList(split, words.length));
            for (String id : ids(List.of(new SearchCriterion("family", List.of(family)),
                    new SearchCriterion("given", List.of(words[0]))))) {
                records.read("Patient", id).filter(p -> !p.deleted())
                        .filter(p -> ClinicalRecordsBean.summary(p).displayName().replaceAll("\\s+", " ")
                                .toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT)))
                        .ifPresent(p -> matches.add(p.id()));
            }
        }
        return matches;
    }

    private List<String> ids(List<SearchCriterion> criteria) {
        List<String> live = new ArrayList<>();
        for (String id : search.search("Patient", criteria, null, 0, CANDIDATES).ids()) {
            records.read("Patient", id).filter(p -> !p.deleted()).ifPresent(p -> live.add(p.id()));
        }
        return live;
    }
}
