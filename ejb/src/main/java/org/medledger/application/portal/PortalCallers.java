package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import org.medledger.application.consent.ConsentService;
import org.medledger.application.consent.ConsentTerms;
import org.medledger.domain.model.appointment.AppointmentBooking;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.infrastructure.config.MedLedgerSettings;

/** The signed-in portal user behind a request: their account, and who they are to the consent policy. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PortalCallers {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private ConsentService consents;

    public UserAccount account(String username, Role role) {
        UserAccount account = username == null ? null : em.find(UserAccount.class, username);
        if (account == null || account.getRole() != role) {
            throw new PortalAccessDeniedException("This page is for " + role.groupName() + " accounts");
        }
        return account;
    }

    /** The patient id a patient login acts as. */
    public String patientIdOf(String username) {
        String reference = account(username, Role.PATIENT).getFhirReference();
        if (reference == null || !reference.startsWith("Patient/")) {
            throw new PortalAccessDeniedException("This login is not linked to a patient record");
        }
        return reference.substring("Patient/".length());
    }

    /** A verified doctor's credential; refused while pending or after rejection. */
    public PractitionerCredential verifiedDoctor(String username) {
        account(username, Role.DOCTOR);
        PractitionerCredential credential = em.find(PractitionerCredential.class, username);
        if (credential == null || !credential.isVerified()) {
            throw new PortalAccessDeniedException("Your credentials have not been verified yet: patient data is shown "
                    + "once the hospital administrator verifies them");
        }
        return credential;
    }

    /**
     * The doctor as the consent policy sees them when asking for this patient's records: treating when they accepted
     * an appointment with the patient that ended at most the configured days ago (see {@link AppointmentBooking}).
     */
    public Accessor clinician(PractitionerCredential credential, String patientId) {
        return clinicianFor(credential).apply(patientId);
    }

    /** {@link #clinician} for many patients, with one look at the doctor's appointments. */
    public Function<String, Accessor> clinicianFor(PractitionerCredential credential) {
        Instant endedAfter = Instant.now().minus(MedLedgerSettings.treatingRelationshipAfterAppointment());
        Set<String> treated = Set.copyOf(em.createQuery("SELECT DISTINCT a.patientId FROM AppointmentBooking a "
                        + "WHERE a.doctorUsername = :doctor AND a.status IN :treating AND a.endsAt >= :endedAfter",
                        String.class)
                .setParameter("doctor", credential.getUsername()).setParameter("treating", AppointmentBooking.TREATING)
                .setParameter("endedAfter", endedAfter).getResultList());
        String custodian = consents.custodian();
        String grantee = ConsentTerms.granteeOf(credential.getLicenceSystem(), credential.getLicenceId());
        return patientId -> Accessor.clinician(custodian, grantee, treated.contains(patientId));
    }

    public PractitionerCredential credentialOf(String username) {
        return em.find(PractitionerCredential.class, username);
    }
}
