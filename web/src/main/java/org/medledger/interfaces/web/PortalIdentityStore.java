package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;
import org.medledger.application.signin.SignInService;

/**
 * Signs in the caller a sign-in ticket names. Tickets come only from the sign-in service, after it checked the
 * password (and the second factor where there is one) or a signed wallet message; nothing else is accepted.
 */
@ApplicationScoped
public class PortalIdentityStore implements IdentityStore {

    @EJB
    private SignInService signIn;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof SignInTicketCredential ticket)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return signIn.redeem(ticket.ticket())
                .map(user -> new CredentialValidationResult(user.username(), Set.of(user.role().groupName())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
