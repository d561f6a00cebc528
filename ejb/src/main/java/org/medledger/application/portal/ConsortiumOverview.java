package org.medledger.application.portal;

import java.io.Serializable;
import java.util.List;
import org.medledger.domain.model.consortium.ConsortiumMember;
import org.medledger.domain.model.consortium.MembershipProposal;

/**
 * The consortium as the chain records it now: this hospital's account, the members, the votes a proposal needs and
 * the proposals still open (not executed, not expired) at {@code blockHeight}.
 */
public record ConsortiumOverview(String ownAddress, long blockHeight, int approvalsNeeded,
                                 List<ConsortiumMember> members, List<MembershipProposal> openProposals)
        implements Serializable {

    /** Whether this hospital has already voted for a proposal. */
    public boolean votedFor(MembershipProposal proposal) {
        return proposal.voters().stream().anyMatch(v -> v.equalsIgnoreCase(ownAddress));
    }
}
