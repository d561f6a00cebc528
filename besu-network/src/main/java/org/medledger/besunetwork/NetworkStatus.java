package org.medledger.besunetwork;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code status} reports: generic Ethereum data, and the BFT view where the node is Besu. */
public record NetworkStatus(String clientVersion, long chainId, long blockHeight, long peerCount, String syncing,
                            Optional<Consensus> consensus, List<String> validators, String pendingVotes,
                            List<String> unavailableMethods) {

    public static NetworkStatus read(JsonRpcClient rpc) throws IOException, JsonRpcClient.RpcError {
        String clientVersion = rpc.call("web3_clientVersion").asText();
        long chainId = quantity(rpc.call("eth_chainId"));
        long height = quantity(rpc.call("eth_blockNumber"));
        long peers = quantity(rpc.call("net_peerCount"));
        JsonNode syncing = rpc.call("eth_syncing");
        String sync = syncing.isBoolean() && !syncing.asBoolean() ? "no (in sync)" : syncing.toString();

        List<String> unavailable = new ArrayList<>();
        for (Consensus consensus : Consensus.values()) {
            String validatorsMethod = consensus.rpcMethod("getValidatorsByBlockNumber");
            String votesMethod = consensus.rpcMethod("getPendingVotes");
            JsonNode validators;
            try {
                validators = rpc.call(validatorsMethod, "latest");
            } catch (JsonRpcClient.RpcError e) {
                if (!e.methodUnavailable()) {
                    throw e;
                }
                unavailable.add(validatorsMethod);
                unavailable.add(votesMethod);
                continue;
            }
            List<String> list = new ArrayList<>();
            validators.forEach(v -> list.add(v.asText()));
            String votes;
            try {
                votes = rpc.call(votesMethod).toString();
            } catch (JsonRpcClient.RpcError e) {
                if (!e.methodUnavailable()) {
                    throw e;
                }
                unavailable.add(votesMethod);
                votes = "unavailable";
            }
            return new NetworkStatus(clientVersion, chainId, height, peers, sync, Optional.of(consensus), list,
                    votes, List.of());
        }
        return new NetworkStatus(clientVersion, chainId, height, peers, sync, Optional.empty(), List.of(), "",
                unavailable);
    }

    private static long quantity(JsonNode hex) {
        return new BigInteger(hex.asText().substring(2), 16).longValueExact();
    }

    public String render() {
        StringBuilder out = new StringBuilder()
                .append("client:        ").append(clientVersion).append('\n')
                .append("chain id:      ").append(chainId).append('\n')
                .append("block height:  ").append(blockHeight).append('\n')
                .append("peers:         ").append(peerCount).append('\n')
                .append("syncing:       ").append(syncing).append('\n');
        if (consensus.isPresent()) {
            out.append("consensus:     ").append(consensus.get()).append('\n')
                    .append("validators:    ").append(validators.size())
                    .append(" (tolerates ").append((validators.size() - 1) / 3).append(" down)\n");
            validators.forEach(v -> out.append("  ").append(v).append('\n'));
            out.append("pending votes: ").append(pendingVotes).append('\n');
        } else {
            out.append("Not a Besu BFT node (or its QBFT/IBFT API is not enabled): method not found or not supported: ")
                    .append(String.join(", ", unavailableMethods)).append('\n');
        }
        return out.toString();
    }
}
