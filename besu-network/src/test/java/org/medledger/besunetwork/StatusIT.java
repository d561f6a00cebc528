package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Operator commands against the Hardhat node the build starts (a real JSON-RPC node that is not Besu). */
class StatusIT {

    static final String RPC = System.getProperty("besu-network.it.rpc", "http://127.0.0.1:18547");

    @Test
    void statusReportsGenericChainDataAndNamesTheMissingBesuMethods() {
        Cli cli = Cli.run("status", "--rpc", RPC);
        assertEquals(0, cli.exitCode(), cli.err());
        assertTrue(cli.out().contains("chain id:      31337"), cli.out());
        assertTrue(cli.out().matches("(?s).*block height:  \\d+.*"), cli.out());
        assertTrue(cli.out().contains("peers:         0"), cli.out());
        assertTrue(cli.out().contains("client:        HardhatNetwork"), cli.out());
        assertTrue(cli.out().contains("Not a Besu BFT node"), cli.out());
        assertTrue(cli.out().contains("method not found or not supported: qbft_getValidatorsByBlockNumber, qbft_getPendingVotes, "
                + "ibft_getValidatorsByBlockNumber, ibft_getPendingVotes"), cli.out());
    }

    @Test
    void proposeValidatorSaysPlainlyThatTheNodeLacksTheBesuMethod() {
        Cli cli = Cli.run("propose-validator", "--rpc", RPC, "--address",
                "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "--add");
        assertEquals(BesuNetworkCli.EXIT_FAILED, cli.exitCode());
        assertTrue(cli.err().contains("qbft_proposeValidatorVote is unavailable at this node (method not found or not supported)"),
                cli.err());
    }

    @Test
    void discardVoteSaysPlainlyThatTheNodeLacksTheBesuMethod() {
        Cli cli = Cli.run("discard-vote", "--rpc", RPC, "--consensus", "ibft2", "--address",
                "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        assertEquals(BesuNetworkCli.EXIT_FAILED, cli.exitCode());
        assertTrue(cli.err().contains("ibft_discardValidatorVote is unavailable at this node (method not found or not supported)"),
                cli.err());
    }

    @Test
    void statusOfAnUnreachableNodeFailsWithExitCodeOne() {
        Cli cli = Cli.run("status", "--rpc", "http://127.0.0.1:1");
        assertEquals(BesuNetworkCli.EXIT_FAILED, cli.exitCode());
    }
}
