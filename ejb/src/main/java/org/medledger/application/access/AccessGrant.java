package org.medledger.application.access;

import java.time.Instant;
import org.medledger.domain.model.access.SmartScopes;

/**
 * What a valid access token stands for: the client, the consortium member it acts for (null: this hospital) and
 * the scopes granted, until it expires.
 */
public record AccessGrant(String clientId, String memberAddress, SmartScopes scopes, Instant expiresAt) {
}
