package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.medledger.application.IdentityService;

/** Checks portal credentials against the user accounts held by the identity service. */
@ApplicationScoped
public class PortalIdentityStore implements IdentityStore {

    @EJB
    private IdentityService identity;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return identity.authenticate(login.getCaller(), login.getPassword().getValue())
                .map(user -> new CredentialValidationResult(user.username(), Set.of(user.role().groupName())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
