package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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

    /** The caller's account, refused unless it has one of {@code roles}. */
    public UserAccount account(String username, Role... roles) {
        UserAccount account = username == null ? null : em.find(UserAccount.class, username);
        if (account == null || !Arrays.asList(roles).contains(account.getRole())) {
            throw new PortalAccessDeniedException("This page is for " + Arrays.stream(roles).map(Role::groupName)
                    .collect(Collectors.joining(" or ")) + " accounts");
        }
        return account;
    }

    /** The account of a doctor or a nurse: the clinicians the consent policy knows. */
    public UserAccount clinicianAccount(String username) {
        return account(username, Role.DOCTOR, Role.NURSE);
    }

    /** The patient id a patient login acts as. */
    public String patientIdOf(String username) {
        String reference = account(username, Role.PATIENT).getFhirReference();
        if (reference == null || !reference.startsWith("Patient/")) {
            throw new PortalAccessDeniedException("This login is not linked to a patient record");
        }
        return reference.substring("Patient/".length());
    }

    /** A verified doctor's credential (appointments are kept with doctors): refused for other roles, as for any clinician. */
    public PractitionerCredential verifiedDoctor(String username) {
        account(username, Role.DOCTOR);
        return verifiedClinician(username);
    }

    /** A verified doctor's or nurse's credential; refused while pending or after rejection. */
    public PractitionerCredential verifiedClinician(String username) {
        clinicianAccount(username);
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
