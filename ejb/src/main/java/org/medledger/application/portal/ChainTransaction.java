package org.medledger.application.portal;

import java.io.Serializable;

/** A transaction this hospital sent, as the chain knows it now: pending, mined, failed (mined but reverted) or
 * unknown (the chain node is unreachable). */
public record ChainTransaction(String txHash, String state, Long block) implements Serializable {

    public static final String PENDING = "pending";
    public static final String MINED = "mined";
    public static final String FAILED = "failed";
    public static final String UNKNOWN = "unknown";
}
