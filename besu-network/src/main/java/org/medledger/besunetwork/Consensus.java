package org.medledger.besunetwork;

import java.util.Locale;

/** The two Besu BFT protocols a MedLedger network may run, with the names Besu uses for each. */
public enum Consensus {
    QBFT("qbft", "qbft", "QBFT"),
    IBFT2("ibft2", "ibft", "IBFT");

    private final String genesisKey;
    private final String rpcPrefix;
    private final String rpcApi;

    Consensus(String genesisKey, String rpcPrefix, String rpcApi) {
        this.genesisKey = genesisKey;
        this.rpcPrefix = rpcPrefix;
        this.rpcApi = rpcApi;
    }

    /** Key of the consensus object under {@code config} in genesis.json. */
    public String genesisKey() {
        return genesisKey;
    }

    /** Prefix of the JSON-RPC methods, e.g. {@code qbft_proposeValidatorVote}. */
    public String rpcMethod(String name) {
        return rpcPrefix + "_" + name;
    }

    /** Name of the API group for {@code rpc-http-api}. */
    public String rpcApi() {
        return rpcApi;
    }

    /** Accepts {@code qbft} and {@code ibft2} (as typed on the command line). */
    public static Consensus parse(String text) {
        for (Consensus c : values()) {
            if (c.genesisKey.equals(text.toLowerCase(Locale.ROOT))) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown consensus '" + text + "' (expected qbft or ibft2)");
    }

    @Override
    public String toString() {
        return genesisKey;
    }
}
