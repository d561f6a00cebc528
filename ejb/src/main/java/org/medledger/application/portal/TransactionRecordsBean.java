package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.medledger.application.AuditEvents;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordService;
import org.medledger.application.consent.ConsentTerms;
import org.medledger.application.consent.SharedPatientIdentity;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.domain.model.anchor.AnchorBatch;
import org.medledger.domain.model.anchor.AnchorLeaf;
import org.medledger.domain.model.consent.ConsentChange;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.domain.model.record.RecordVersion;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.ledger.AnchorOutbox;

@Stateless
public class TransactionRecordsBean implements TransactionRecords {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** Resources of a patient's compartment looked at; AuditEvents about them are the access log, not their records. */
    private static final int COMPARTMENT_SIZE = 1000;

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private PortalCallers callers;

    @EJB
    private RecordService records;

    @EJB
    private ResourceSearch search;

    @EJB
    private AnchorOutbox outbox;

    @Inject
    private RecordVersionRepository versions;

    @Inject
    private SharedPatientIdentity patientIdentity;

    @Override
    public UserTransactions of(String staffUsername, String subjectUsername) {
        UserAccount staff = callers.account(staffUsername, Role.OPERATOR, Role.AUDITOR);
        String wanted = subjectUsername == null ? "" : subjectUsername.strip();
        if (!USERNAME.matcher(wanted).matches()) {
            throw new InvalidRecordException("Enter a username: letters, digits, '.', '_', '@' and '-', at most 64");
        }
        UserAccount subject = em.find(UserAccount.class, wanted);
        if (subject == null) {
            throw new InvalidRecordException("No portal user is named " + wanted);
        }
        if (subject.getRole() != Role.PATIENT && subject.getRole() != Role.DOCTOR && subject.getRole() != Role.NURSE) {
            throw new InvalidRecordException("Chain transactions are taken on behalf of patients and clinicians; the login "
                    + wanted + " has the role " + subject.getRole().groupName());
        }
        String reference = subject.getFhirReference();
        String expected = subject.getRole() == Role.PATIENT ? "Patient/" : "Practitioner/";
        if (reference == null || !reference.startsWith(expected)) {
            throw new InvalidRecordException("The login " + wanted + " is not linked to a FHIR record");
        }
        List<UserTransactions.Entry> found = subject.getRole() == Role.PATIENT
                ? ofPatient(reference.substring("Patient/".length())) : ofDoctor(subject);
        records.create("AuditEvent", AuditEvents.portalAccess("search", "R", staff.getUsername(),
                staff.getDisplayName(), staff.getRole().groupName(), "HOPERAT", List.of(reference),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        List<UserTransactions.Entry> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(UserTransactions.Entry::recordedAt).reversed());
        boolean truncated = sorted.size() > LIMIT;
        return new UserTransactions(subject.getUsername(), subject.getDisplayName(), subject.getRole().groupName(),
                List.copyOf(truncated ? sorted.subList(0, LIMIT) : sorted), truncated);
    }

    private List<UserTransactions.Entry> ofPatient(String patientId) {
        List<UserTransactions.Entry> entries = new ArrayList<>();
        Optional<String> pseudonym = versions.latest("Patient", patientId).filter(v -> !v.isDeleted()).isPresent()
                ? patientIdentity.pseudonymIfShared(patientId) : Optional.empty();
        pseudonym.ifPresent(p -> changes("c.patientPseudonym = :who", p).forEach(c -> entries.add(entry(c))));
        Set<String> resources = new LinkedHashSet<>();
        resources.add("Patient/" + patientId);
        for (String compartment : search.patientCompartment(patientId, 0, COMPARTMENT_SIZE).ids()) {
            if (!compartment.startsWith("AuditEvent/")) {
                resources.add(compartment);
            }
        }
        anchorsOf(resources, entries);
        return entries;
    }

    private List<UserTransactions.Entry> ofDoctor(UserAccount doctor) {
        List<UserTransactions.Entry> entries = new ArrayList<>();
        PractitionerCredential credential = callers.credentialOf(doctor.getUsername());
        if (credential != null) {
            String grantee = ConsentTerms.granteeOf(credential.getLicenceSystem(), credential.getLicenceId());
            changes("c.grantee = :who", grantee).forEach(c -> entries.add(entry(c)));
        }
        Set<String> written = new LinkedHashSet<>();
        for (String id : search.search("Observation", List.of(new SearchCriterion("performer",
                List.of(doctor.getFhirReference()))), "-_lastUpdated", 0, LIMIT).ids()) {
            written.add("Observation/" + id);
        }
        anchorsOf(written, entries);
        return entries;
    }

    private List<ConsentChange> changes(String condition, String who) {
        return em.createQuery("SELECT c FROM ConsentChange c WHERE " + condition + " ORDER BY c.id DESC",
                ConsentChange.class).setParameter("who", who).setMaxResults(LIMIT + 1).getResultList();
    }

    private static UserTransactions.Entry entry(ConsentChange change) {
        String action = switch (change.getAction()) {
            case GRANT -> "Consent granted";
            case REVOKE -> "Consent revoked";
            case EMERGENCY -> "Emergency access declared";
        };
        String subject = change.getAction() == ConsentChange.Action.EMERGENCY
                ? "reason " + change.getReasonCode() : "Consent/" + change.getConsentId();
        return new UserTransactions.Entry(change.getCreatedAt(), action, subject,
                change.getState().name().toLowerCase(), change.getTxHash(), change.getBlockNumber());
    }

    /** The anchor transaction of every version of the given resources ({@code Type/id}). */
    private void anchorsOf(Set<String> resources, List<UserTransactions.Entry> entries) {
        for (String resource : resources) {
            int slash = resource.indexOf('/');
            for (RecordVersion version : versions.history(resource.substring(0, slash), resource.substring(slash + 1))) {
                if (entries.size() > LIMIT) {
                    return;
                }
                Optional<AnchorLeaf> leaf = outbox.leafOf(version.getId());
                if (leaf.isEmpty()) {
                    continue;
                }
                Optional<AnchorBatch> batch = Optional.ofNullable(leaf.get().getBatchId()).flatMap(outbox::batch);
                String state = leaf.get().getState() == AnchorLeaf.State.ANCHORED ? "confirmed"
                        : batch.isPresent() ? batch.get().getState().name().toLowerCase() : "waiting";
                entries.add(new UserTransactions.Entry(leaf.get().getCreatedAt(), "Record version anchored",
                        resource + "/_history/" + version.getVersionNumber(), state,
                        batch.map(AnchorBatch::getTxHash).orElse(null),
                        batch.map(AnchorBatch::getBlockNumber).orElse(null)));
            }
        }
    }
}
