package org.medledger.application.portal;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** The chain transactions taken on behalf of one portal user, newest first; {@code truncated} when more exist. */
public record UserTransactions(String username, String displayName, String role, List<Entry> transactions,
                               boolean truncated) implements Serializable {

    /**
     * One on-chain action. {@code subject} names a resource (e.g. {@code Consent/12} or
     * {@code Observation/5/_history/1}), never its content; {@code txHash} and {@code blockNumber} are null until the
     * transaction is sent and mined.
     */
    public record Entry(Instant recordedAt, String action, String subject, String state, String txHash,
                        Long blockNumber) implements Serializable {
    }
}
