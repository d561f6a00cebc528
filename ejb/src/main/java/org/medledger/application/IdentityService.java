package org.medledger.application;

import org.medledger.domain.model.identity.Role;

/** Portal accounts: creation (signing in is {@link org.medledger.application.signin.SignInService}). */
public interface IdentityService {

    /** Creates a login; the password must satisfy the password policy. */
    void createAccount(String username, String password, Role role, String displayName, String fhirReference);

    long countAccounts();
}
