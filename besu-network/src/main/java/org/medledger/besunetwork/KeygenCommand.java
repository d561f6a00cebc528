package org.medledger.besunetwork;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen", description = "Writes a new node key (key, key.pub, address, enode) for a joining node "
        + "or a key rotation. Never replaces an existing key.")
final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--out", required = true, description = "Node directory to write the key files into.")
    Path out;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "P2P host in the enode URL (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--p2p-port", defaultValue = "30303", description = "P2P port in the enode URL (default ${DEFAULT-VALUE}).")
    int p2pPort;

    @Override
    public Integer call() throws Exception {
        NodeKey key = NodeKey.generate();
        try {
            NodeKeyFiles.write(out, key, key.enodeUrl(host, p2pPort));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IllegalArgumentException("Refusing to replace the node key at " + e.getFile());
        }
        command.commandLine().getOut().println("address " + key.address());
        command.commandLine().getOut().println("enode   " + key.enodeUrl(host, p2pPort));
        return 0;
    }
}
