package org.medledger.besunetwork;

import java.io.IOException;
import java.util.regex.Pattern;

/** This node's validator votes: Besu's {@code <qbft|ibft>_proposeValidatorVote} and {@code _discardValidatorVote}. */
final class ValidatorVote {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final JsonRpcClient rpc;
    private final Consensus consensus;

    ValidatorVote(JsonRpcClient rpc, Consensus consensus) {
        this.rpc = rpc;
        this.consensus = consensus;
    }

    String propose(String address, boolean add) throws IOException, JsonRpcClient.RpcError {
        return call("proposeValidatorVote", checked(address), add);
    }

    String discard(String address) throws IOException, JsonRpcClient.RpcError {
        return call("discardValidatorVote", checked(address));
    }

    private String call(String name, Object... params) throws IOException, JsonRpcClient.RpcError {
        String method = consensus.rpcMethod(name);
        try {
            return rpc.call(method, params).toString();
        } catch (JsonRpcClient.RpcError e) {
            if (e.methodUnavailable()) {
                throw new IOException(method + " is unavailable at this node (method not found or not supported): it is not a Besu "
                        + consensus + " validator, or " + consensus.rpcApi() + " is missing from rpc-http-api", e);
            }
            throw e;
        }
    }

    private static String checked(String address) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("Not a 0x-prefixed 20-byte address: " + address);
        }
        return address;
    }
}
