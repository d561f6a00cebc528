package org.medledger.besunetwork;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Chain id, block height, peers, client, and (on Besu) validators and pending votes.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--rpc", required = true, description = "JSON-RPC URL of a node, e.g. http://127.0.0.1:8545")
    String rpc;

    @Override
    public Integer call() throws Exception {
        command.commandLine().getOut().print(NetworkStatus.read(new JsonRpcClient(rpc)).render());
        command.commandLine().getOut().flush();
        return 0;
    }
}
