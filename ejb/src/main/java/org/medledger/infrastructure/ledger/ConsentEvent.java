package org.medledger.infrastructure.ledger;

import org.medledger.domain.model.consent.ConsentGrant;
import org.medledger.domain.model.consent.EmergencyAccess;

/** One decoded {@code ConsentRegistry} event, in chain order, as the consent follower applies it. */
public sealed interface ConsentEvent {

    long block();

    record Granted(long block, ConsentGrant grant) implements ConsentEvent {
    }

    record Revoked(long block, long consentId) implements ConsentEvent {
    }

    record Emergency(long block, EmergencyAccess access) implements ConsentEvent {
    }
}
