package org.medledger.besunetwork;

import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "propose-validator", description = "Casts this node's vote to add or remove a validator "
        + "(takes effect when more than half of the validators have voted the same way).")
final class ProposeValidatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--rpc", required = true, description = "JSON-RPC URL of a validator node.")
    String rpc;

    @Option(names = "--address", required = true, description = "Validator address (0x...).")
    String address;

    @Option(names = "--consensus", defaultValue = "qbft", description = "qbft or ibft2 (default ${DEFAULT-VALUE}).")
    String consensus;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Direction direction;

    static final class Direction {
        @Option(names = "--add", required = true, description = "Vote to add the address.")
        boolean add;

        @Option(names = "--remove", required = true, description = "Vote to remove the address.")
        boolean remove;
    }

    @Override
    public Integer call() throws Exception {
        String result = new ValidatorVote(new JsonRpcClient(rpc), Consensus.parse(consensus))
                .propose(address, direction.add);
        command.commandLine().getOut().println((direction.add ? "Voted to add " : "Voted to remove ") + address
                + " at " + rpc + ": " + result);
        return 0;
    }
}
