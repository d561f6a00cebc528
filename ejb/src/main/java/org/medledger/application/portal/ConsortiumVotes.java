package org.medledger.application.portal;

import java.util.Optional;

/**
 * Consortium membership votes from the portal: the members and open proposals read from {@code ConsortiumRegistry},
 * and proposals and votes sent from this hospital's chain account. Every method refuses callers who are not
 * administrators; sending methods return the transaction hash without waiting for the block, and refuse with an
 * {@link org.medledger.application.InvalidRecordException} saying why (bad input, the registry's reason, or the
 * chain node being unreachable).
 */
public interface ConsortiumVotes {

    /** The consortium now; empty while the chain node is unreachable. */
    Optional<ConsortiumOverview> overview(String adminUsername);

    String proposeAdd(String adminUsername, MemberProposal proposal);

    String proposeRemove(String adminUsername, String address);

    String vote(String adminUsername, long proposalId);

    /** Where a sent transaction stands now ({@code unknown} while the chain node is unreachable). */
    ChainTransaction transaction(String adminUsername, String txHash);
}
