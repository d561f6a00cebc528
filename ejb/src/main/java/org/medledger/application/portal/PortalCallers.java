package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;
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

    public UserAccount account(String username, Role role) {
        UserAccount account = username == null ? null : em.find(UserAccount.class, username);
        if (account == null || account.getRole() != role) {
            throw new PortalAccessDeniedException("This page is for " + role.groupName() + " accounts");
        }
        return account;
    }

    /** The account of a signed-in user holding one of the given roles; refused for any other role. */
    public UserAccount accountInAnyRole(String username, Role... roles) {
        UserAccount account = username == null ? null : em.find(UserAccount.class, username);
        if (account == null || !List.of(roles).contains(account.getRole())) {
            throw new PortalAccessDeniedException("This page is for " + Arrays.stream(roles)
                    .map(Role::groupName).collect(Collectors.joining(" and ")) + " accounts");
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

    public Accessor clinician(PractitionerCredential credential) {
        return Accessor.clinician(consents.custodian(),
                ConsentTerms.granteeOf(credential.getLicenceSystem(), credential.getLicenceId()), false);
    }

    public PractitionerCredential credentialOf(String username) {
        return em.find(PractitionerCredential.class, username);
    }
}
