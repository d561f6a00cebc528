package org.medledger.application;

import java.util.Optional;
import org.medledger.domain.model.identity.Role;

/** Portal accounts: password checks with lockout, and account creation. */
public interface IdentityService {

    /** The user when the password is right and the account is not locked; empty otherwise, whatever the reason. */
    Optional<AuthenticatedUser> authenticate(String username, char[] password);

    /** Creates a login; the password must satisfy the password policy. */
    void createAccount(String username, String password, Role role, String displayName, String fhirReference);

    long countAccounts();
}
