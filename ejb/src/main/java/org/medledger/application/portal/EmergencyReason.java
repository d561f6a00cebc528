package org.medledger.application.portal;

import java.io.Serializable;

/** A reason a doctor may give for breaking the glass: the code that goes on chain, and its label. */
public record EmergencyReason(String code, String label) implements Serializable {
}
