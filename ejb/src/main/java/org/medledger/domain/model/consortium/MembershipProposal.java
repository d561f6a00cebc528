package org.medledger.domain.model.consortium;

import java.io.Serializable;
import java.util.List;

/**
 * A proposal on {@code ConsortiumRegistry}, read from its events and the proposing transaction: {@code kind} is
 * {@code Add}, {@code Remove} or {@code ChangeNodes}; name, FHIR base URL and enode id are those proposed for an
 * added member (empty otherwise); {@code approvals} counts the votes of voters who were members when last counted.
 */
public record MembershipProposal(long id, String kind, String account, String name, String fhirBaseUrl,
                                 String enodeId, String proposer, long expiresAtBlock, int approvals,
                                 List<String> voters, boolean executed, String txHash) implements Serializable {
}
