package org.medledger.besunetwork;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", description = "Writes keys, genesis, node configs, allowlists, systemd units and "
        + "docker-compose.yml for an N-hospital network.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--hospitals", required = true, description = "Number of member hospitals.")
    int hospitals;

    @Option(names = "--validators-per-hospital", defaultValue = "1", description = "Validator nodes per hospital (default ${DEFAULT-VALUE}).")
    int validatorsPerHospital;

    @Option(names = "--consensus", defaultValue = "qbft", description = "qbft or ibft2 (default ${DEFAULT-VALUE}).")
    String consensus;

    @Option(names = "--block-period", required = true, description = "Seconds between blocks.")
    int blockPeriod;

    @Option(names = "--chain-id", required = true, description = "Chain id of the private network.")
    long chainId;

    @Option(names = "--hosts", split = ",", description = "P2P host of each node (one for all, or one per node; default 127.0.0.1).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--besu-image", defaultValue = "hyperledger/besu:latest", description = "Docker image for docker-compose.yml (pin a release in production; default ${DEFAULT-VALUE}).")
    String besuImage;

    @Option(names = "--out", required = true, description = "Network directory to create.")
    Path out;

    @Option(names = "--force", description = "Replace an existing non-empty --out directory (its keys are lost).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        NetworkSpec spec = new NetworkSpec(hospitals, validatorsPerHospital, Consensus.parse(consensus), blockPeriod,
                chainId, hosts, besuImage);
        String commandLine = "besu-network generate " + String.join(" ", command.commandLine().getParseResult().originalArgs().subList(1, command.commandLine().getParseResult().originalArgs().size()));
        List<NetworkGenerator.GeneratedNode> nodes = new NetworkGenerator(spec, commandLine).generate(out, force);
        var stdout = command.commandLine().getOut();
        stdout.println("Wrote " + nodes.size() + " " + spec.consensus() + " validators to " + out.toAbsolutePath());
        for (NetworkGenerator.GeneratedNode node : nodes) {
            stdout.println("  " + node.spec().name() + "  " + node.key().address() + "  " + node.enodeUrl());
        }
        stdout.println("See " + out.resolve("README.md") + " for what each file is.");
        return 0;
    }
}
