package org.medledger.application;

import org.medledger.domain.model.identity.Role;

/** A portal user whose password was just checked. */
public record AuthenticatedUser(String username, Role role, String displayName, String fhirReference) {
}
