package org.medledger.application.portal;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The ledger page's figures. Node fields are null while the node is unreachable ({@code unreachableReason} then says
 * why); {@code peers} is null when the node does not allow {@code admin_peers}; {@code validators} is null on a node
 * that is not Besu, or a Besu node that exposes neither the QBFT nor the IBFT API.
 */
public record LedgerStatus(boolean reachable, String unreachableReason, String rpcUrl, String clientVersion,
                           Long chainId, Long blockHeight, Instant latestBlockAt, Long latestBlockAgeSeconds,
                           Long peerCount, List<String> peers, boolean besu, List<String> validators, String consensus,
                           List<ContractAddress> contracts, List<AnchorTransaction> recentAnchors, long anchorBacklog,
                           Instant oldestPending, Long oldestPendingAgeSeconds) implements Serializable {

    /** One consortium contract this server uses. */
    public record ContractAddress(String name, String address) implements Serializable {
    }

    /** One {@code anchor} transaction of a Merkle batch, as the anchoring tables hold it (gas from its receipt). */
    public record AnchorTransaction(String batchId, String state, int leafCount, String txHash, Long blockNumber,
                                    Long gasUsed, Instant createdAt, Instant confirmedAt) implements Serializable {
    }
}
