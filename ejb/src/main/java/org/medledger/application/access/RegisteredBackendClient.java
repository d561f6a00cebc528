package org.medledger.application.access;

import java.io.Serializable;
import java.time.Instant;

/**
 * A registered SMART backend client as an administrator's list shows it; {@code memberAddress} is null for this
 * hospital's own systems.
 */
public record RegisteredBackendClient(String clientId, String name, String scopes, String memberAddress,
                                      Instant registeredAt, boolean enabled) implements Serializable {
}
