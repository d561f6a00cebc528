package org.medledger.besunetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code generate} was asked for. Node i (from 0) listens on base port + i so a whole network can also run on
 * one host; on separate hosts the ports simply coincide per host.
 */
public record NetworkSpec(int hospitals, int validatorsPerHospital, Consensus consensus, int blockPeriodSeconds,
                          long chainId, List<String> hosts, String besuImage) {

    public static final int P2P_BASE_PORT = 30303;
    public static final int RPC_BASE_PORT = 8545;
    public static final int METRICS_BASE_PORT = 9545;
    public static final long EPOCH_LENGTH = 30000;
    /** Funds each node account; gas is free (zeroBaseFee) but a balance keeps value transfers possible. */
    public static final String NODE_BALANCE = "0x33b2e3c9fd0803ce8000000";
    public static final String GAS_LIMIT = "0x1fffffffffffff";

    public NetworkSpec {
        if (hospitals < 1) {
            throw new IllegalArgumentException("--hospitals must be at least 1");
        }
        if (validatorsPerHospital < 1) {
            throw new IllegalArgumentException("--validators-per-hospital must be at least 1");
        }
        if (blockPeriodSeconds < 1) {
            throw new IllegalArgumentException("--block-period must be at least 1 second");
        }
        if (chainId < 1) {
            throw new IllegalArgumentException("--chain-id must be positive");
        }
        hosts = List.copyOf(hosts);
        if (!hosts.isEmpty() && hosts.size() != 1 && hosts.size() != hospitals * validatorsPerHospital) {
            throw new IllegalArgumentException("--hosts takes one host for all nodes or one per node ("
                    + hospitals * validatorsPerHospital + ")");
        }
    }

    /** QBFT and IBFT 2.0 round timeout: comfortably above the block period, as in Besu's examples (2 s -> 4 s). */
    public int requestTimeoutSeconds() {
        return Math.max(4, 2 * blockPeriodSeconds);
    }

    /** Validators Besu can lose and still make blocks: f = floor((n - 1) / 3). */
    public int faultTolerance() {
        return (nodes().size() - 1) / 3;
    }

    public List<NodeSpec> nodes() {
        List<NodeSpec> nodes = new ArrayList<>();
        int index = 0;
        for (int h = 1; h <= hospitals; h++) {
            for (int v = 1; v <= validatorsPerHospital; v++) {
                String host = hosts.isEmpty() ? "127.0.0.1" : hosts.get(hosts.size() == 1 ? 0 : index);
                nodes.add(new NodeSpec("hospital" + h + "-node" + v, "hospital" + h, host,
                        P2P_BASE_PORT + index, RPC_BASE_PORT + index, METRICS_BASE_PORT + index));
                index++;
            }
        }
        return nodes;
    }

    /** One Besu node: its directory name under nodes/, owning hospital, advertised host and ports. */
    public record NodeSpec(String name, String hospital, String host, int p2pPort, int rpcPort, int metricsPort) {
    }
}
