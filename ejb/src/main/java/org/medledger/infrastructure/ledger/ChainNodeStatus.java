package org.medledger.infrastructure.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the chain node says about itself and its network, asked in one round of JSON-RPC calls.
 *
 * @param clientVersion   {@code web3_clientVersion}, e.g. {@code besu/v24.1.0/...} or {@code HardhatNetwork/2.22.0/...}
 * @param chainId         {@code eth_chainId}
 * @param blockHeight     number of the latest block
 * @param latestBlockAt   timestamp of the latest block
 * @param peerCount       {@code net_peerCount}; null when the node does not answer it
 * @param peers           {@code admin_peers} as "name @ remote address"; null when the node does not allow it
 * @param validators      the validators of the latest block (QBFT, or IBFT 2.0 where QBFT is not offered); null when
 *                        the node is not Besu or does not expose either API
 * @param consensus       "QBFT" or "IBFT 2.0" when validators were reported, else null
 */
public record ChainNodeStatus(String clientVersion, long chainId, long blockHeight, Instant latestBlockAt,
                              Long peerCount, List<String> peers, List<String> validators, String consensus) {

    /** Besu names itself first in its client version; only Besu reports validators. */
    public boolean isBesu() {
        return clientVersion != null && clientVersion.toLowerCase(Locale.ROOT).startsWith("besu");
    }
}
