package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.medledger.application.consent.ConsentService;
import org.medledger.application.consent.ConsentTerms;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;

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

    public Accessor clinician(PractitionerCredential credential) {
        return Accessor.clinician(consents.custodian(),
                ConsentTerms.granteeOf(credential.getLicenceSystem(), credential.getLicenceId()), false);
    }

    public PractitionerCredential credentialOf(String username) {
        return em.find(PractitionerCredential.class, username);
    }
}
