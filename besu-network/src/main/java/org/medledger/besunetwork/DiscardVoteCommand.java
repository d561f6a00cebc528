package org.medledger.besunetwork;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "discard-vote", description = "Withdraws this node's pending validator vote for an address.")
final class DiscardVoteCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--rpc", required = true, description = "JSON-RPC URL of a validator node.")
    String rpc;

    @Option(names = "--address", required = true, description = "Address the pending vote is about (0x...).")
    String address;

    @Option(names = "--consensus", defaultValue = "qbft", description = "qbft or ibft2 (default ${DEFAULT-VALUE}).")
    String consensus;

    @Override
    public Integer call() throws Exception {
        String result = new ValidatorVote(new JsonRpcClient(rpc), Consensus.parse(consensus)).discard(address);
        command.commandLine().getOut().println("Discarded the pending vote for " + address + " at " + rpc + ": "
                + result);
        return 0;
    }
}
