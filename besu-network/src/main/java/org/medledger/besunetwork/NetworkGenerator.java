package org.medledger.besunetwork;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a complete network directory: node keys, genesis.json, per-node config.toml and local allowlists,
 * static-nodes.json, systemd units, docker-compose.yml and a README explaining each file.
 * All paths inside the configs are relative to the network directory, which is Besu's working directory.
 */
public final class NetworkGenerator {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final NetworkSpec spec;
    private final String commandLine;

    /** @param commandLine the command that made the network, recorded in the generated README */
    public NetworkGenerator(NetworkSpec spec, String commandLine) {
        this.spec = spec;
        this.commandLine = commandLine;
    }

    /** A generated node: its spec and key. */
    public record GeneratedNode(NetworkSpec.NodeSpec spec, NodeKey key) {
        public String enodeUrl() {
            return key.enodeUrl(spec.host(), spec.p2pPort());
        }
    }

    public List<GeneratedNode> generate(Path out, boolean force) throws IOException {
        prepareDirectory(out, force);
        List<GeneratedNode> nodes = new ArrayList<>();
        for (NetworkSpec.NodeSpec node : spec.nodes()) {
            nodes.add(new GeneratedNode(node, NodeKey.generate()));
        }
        List<String> enodes = nodes.stream().map(GeneratedNode::enodeUrl).toList();
        writeJson(out.resolve("genesis.json"), genesis(nodes));
        writeJson(out.resolve("static-nodes.json"), enodes);
        for (GeneratedNode node : nodes) {
            writeNode(out, node, enodes, nodes);
        }
        writeJson(out.resolve("founders.json"), founders(nodes));
        writeText(out.resolve("docker-compose.yml"), dockerCompose(nodes));
        writeText(out.resolve("README.md"), readme(nodes));
        return nodes;
    }

    private static void prepareDirectory(Path out, boolean force) throws IOException {
        if (Files.isDirectory(out)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(out)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty) {
                if (!force) {
                    throw new NetworkDirectoryNotEmptyException(out);
                }
                deleteContents(out);
            }
        } else if (Files.exists(out)) {
            throw new NetworkDirectoryNotEmptyException(out);
        }
        Files.createDirectories(out);
    }

    private static void deleteContents(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(out)) {
                    Files.delete(p);
                }
            }
        }
    }

    Map<String, Object> genesis(List<GeneratedNode> nodes) {
        Map<String, Object> bft = new LinkedHashMap<>();
        bft.put("blockperiodseconds", spec.blockPeriodSeconds());
        bft.put("epochlength", NetworkSpec.EPOCH_LENGTH);
        bft.put("requesttimeoutseconds", spec.requestTimeoutSeconds());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("chainId", spec.chainId());
        for (String fork : List.of("homesteadBlock", "eip150Block", "eip155Block", "eip158Block", "byzantiumBlock",
                "constantinopleBlock", "petersburgBlock", "istanbulBlock", "berlinBlock", "londonBlock")) {
            config.put(fork, 0);
        }
        // The contracts are compiled with evmVersion shanghai (PUSH0), so Shanghai is active from genesis.
        config.put("shanghaiTime", 0);
        config.put("zeroBaseFee", true);
        config.put(spec.consensus().genesisKey(), bft);
        Map<String, Object> alloc = new LinkedHashMap<>();
        for (GeneratedNode node : nodes) {
            alloc.put(node.key().address(), Map.of("balance", NetworkSpec.NODE_BALANCE));
        }
        Map<String, Object> genesis = new LinkedHashMap<>();
        genesis.put("config", config);
        genesis.put("nonce", "0x0");
        genesis.put("timestamp", "0x0");
        genesis.put("gasLimit", NetworkSpec.GAS_LIMIT);
        genesis.put("difficulty", "0x1");
        genesis.put("baseFeePerGas", "0x0");
        // Besu's documented BFT mixHash ("ctical byzantine fault tolerance").
        genesis.put("mixHash", "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365");
        genesis.put("coinbase", "0x0000000000000000000000000000000000000000");
        genesis.put("extraData", ExtraDataCodec.encode(spec.consensus(),
                nodes.stream().map(n -> n.key().address()).toList()));
        genesis.put("alloc", alloc);
        return genesis;
    }

    /**
     * The founding members for {@code deploy-contracts}: one per hospital, transacting with its first node's account and
     * allowing all its nodes to peer. Names and FHIR base URLs are placeholders the consortium edits before deploying.
     */
    static List<Map<String, Object>> founders(List<GeneratedNode> nodes) {
        Map<String, List<GeneratedNode>> byHospital = new LinkedHashMap<>();
        for (GeneratedNode node : nodes) {
            byHospital.computeIfAbsent(node.spec().hospital(), h -> new ArrayList<>()).add(node);
        }
        List<Map<String, Object>> founders = new ArrayList<>();
        byHospital.forEach((hospital, own) -> {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("name", hospital);
            member.put("fhirBaseUrl", "https://" + hospital + ".invalid/fhir");
            member.put("account", own.get(0).key().address());
            member.put("enodeIds", own.stream().map(n -> n.key().enodeId()).toList());
            founders.add(member);
        });
        return founders;
    }

    private void writeNode(Path out, GeneratedNode node, List<String> enodes, List<GeneratedNode> all)
            throws IOException {
        Path dir = out.resolve("nodes").resolve(node.spec().name());
        Files.createDirectories(dir.resolve("data"));
        NodeKeyFiles.write(dir, node.key(), node.enodeUrl());
        writeText(dir.resolve("config.toml"), configToml(node));
        writeText(dir.resolve("permissions_config.toml"), localAllowlist(enodes, all));
        Path units = out.resolve("systemd");
        Files.createDirectories(units);
        writeText(units.resolve("besu-" + node.spec().name() + ".service"), systemdUnit(out, node));
    }

    String configToml(GeneratedNode node) {
        NetworkSpec.NodeSpec n = node.spec();
        String nodeDir = "nodes/" + n.name();
        String apis = String.join(",", List.of("ETH", "NET", spec.consensus().rpcApi(), "WEB3", "PERM"))
                .replace(",", "\",\"");
        return """
                # Besu configuration for %1$s (%2$s), validator. Generated by: %3$s
                # Run from the network directory: besu --config-file=%4$s/config.toml
                genesis-file="genesis.json"
                data-path="%4$s/data"
                node-private-key-file="%4$s/key"

                # P2P: peers are the other validators, listed in static-nodes.json; no public discovery.
                p2p-host="%5$s"
                p2p-port=%6$d
                discovery-enabled=false
                static-nodes-file="static-nodes.json"

                # JSON-RPC for this hospital's operators and MedLedger server only (validator role APIs).
                rpc-http-enabled=true
                rpc-http-host="127.0.0.1"
                rpc-http-port=%7$d
                rpc-http-api=["%8$s"]
                host-allowlist=["localhost","127.0.0.1"]

                # Free gas: genesis sets zeroBaseFee, so validators accept zero-priced transactions.
                min-gas-price=0

                # Prometheus metrics (see RUNBOOK.md, Monitoring).
                metrics-enabled=true
                metrics-host="127.0.0.1"
                metrics-port=%9$d

                # Permissioning, step 1 (works from block 0): local allowlists of the founding nodes and accounts.
                permissions-nodes-config-file-enabled=true
                permissions-nodes-config-file="%4$s/permissions_config.toml"
                permissions-accounts-config-file-enabled=true
                permissions-accounts-config-file="%4$s/permissions_config.toml"

                # Permissioning, step 2 (after `besu-network deploy-contracts`): ConsortiumRegistry decides.
                # Replace CONSORTIUM_REGISTRY_ADDRESS with the address deploy-contracts printed, uncomment,
                # and restart the node. See RUNBOOK.md, "Enable on-chain permissioning".
                #permissions-nodes-contract-enabled=true
                #permissions-nodes-contract-address="CONSORTIUM_REGISTRY_ADDRESS"
                #permissions-nodes-contract-version=2
                #permissions-accounts-contract-enabled=true
                #permissions-accounts-contract-address="CONSORTIUM_REGISTRY_ADDRESS"
                """.formatted(n.name(), n.hospital(), commandLine, nodeDir, n.host(), n.p2pPort(), n.rpcPort(),
                apis, n.metricsPort());
    }

    static String localAllowlist(List<String> enodes, List<GeneratedNode> nodes) {
        String nodeList = enodes.stream().map(e -> "  \"" + e + "\"").collect(Collectors.joining(",\n"));
        String accounts = nodes.stream().map(n -> "  \"" + n.key().address() + "\"")
                .collect(Collectors.joining(",\n"));
        return "# Local permissioning allowlists (Besu permissions config file): the founding nodes and their accounts.\n"
                + "# Edit with perm_addNodesToAllowlist / perm_addAccountsToAllowlist, not by hand, while Besu runs.\n"
                + "nodes-allowlist=[\n" + nodeList + "\n]\n"
                + "accounts-allowlist=[\n" + accounts + "\n]\n";
    }

    private String systemdUnit(Path out, GeneratedNode node) {
        String name = node.spec().name();
        return """
                # systemd unit for %1$s. Install: sudo cp systemd/besu-%1$s.service /etc/systemd/system/ \\
                #   && sudo systemctl daemon-reload && sudo systemctl enable --now besu-%1$s
                [Unit]
                Description=Hyperledger Besu validator %1$s (MedLedger)
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=simple
                User=besu
                WorkingDirectory=%2$s
                ExecStart=/opt/besu/bin/besu --config-file=nodes/%1$s/config.toml
                Restart=on-failure
                RestartSec=5
                LimitNOFILE=65536

                [Install]
                WantedBy=multi-user.target
                """.formatted(name, out.toAbsolutePath().normalize());
    }

    private String dockerCompose(List<GeneratedNode> nodes) {
        StringBuilder yml = new StringBuilder("""
                # One Besu container per node, sharing the host network so the enode URLs and ports in
                # static-nodes.json hold unchanged. Start: docker compose up -d   (from this directory)
                services:
                """);
        for (GeneratedNode node : nodes) {
            String name = node.spec().name();
            yml.append("""
                      %1$s:
                        image: %2$s
                        container_name: besu-%1$s
                        network_mode: host
                        restart: unless-stopped
                        user: "${BESU_UID:-1000}:${BESU_GID:-1000}"
                        working_dir: /network
                        volumes:
                          - ./:/network
                        command: ["--config-file=nodes/%1$s/config.toml"]
                    """.formatted(name, spec.besuImage()));
        }
        return yml.toString();
    }

    private String readme(List<GeneratedNode> nodes) {
        StringBuilder md = new StringBuilder();
        md.append("# MedLedger Besu network (").append(spec.consensus()).append(", chain id ")
                .append(spec.chainId()).append(")\n\n")
                .append("Generated by:\n\n```\n").append(commandLine).append("\n```\n\n")
                .append(nodes.size()).append(" validators; the network keeps making blocks while at most ")
                .append(spec.faultTolerance()).append(" of them are down (f = floor((n-1)/3)).\n")
                .append("Operating procedures: besu-network/RUNBOOK.md in the MedLedger repository.\n\n")
                .append("| file | what it is |\n|---|---|\n")
                .append("| `genesis.json` | genesis block: `config.").append(spec.consensus().genesisKey())
                .append("` (block period ").append(spec.blockPeriodSeconds())
                .append(" s), Shanghai from block 0, `zeroBaseFee`, node accounts funded in `alloc`, ")
                .append("validators RLP-encoded in `extraData`. Identical on every node. |\n")
                .append("| `static-nodes.json` | enode URLs of all validators; each node dials them |\n")
                .append("| `founders.json` | founding members for `besu-network deploy-contracts`: one per hospital, ")
                .append("its first node's account, all its enode ids. Replace the placeholder names and FHIR base ")
                .append("URLs (`.invalid`) before deploying. |\n")
                .append("| `nodes/<node>/key` | node private key (secp256k1, hex, mode 600). Never copy it off the node's host. |\n")
                .append("| `nodes/<node>/key.pub` | node public key = enode id |\n")
                .append("| `nodes/<node>/address` | validator and account address (keccak of the public key) |\n")
                .append("| `nodes/<node>/enode` | the node's enode URL |\n")
                .append("| `nodes/<node>/config.toml` | Besu options for the node (`besu --config-file=...`, run from this directory) |\n")
                .append("| `nodes/<node>/permissions_config.toml` | local node and account allowlists (permissioning before the contracts exist) |\n")
                .append("| `nodes/<node>/data/` | the node's database (created empty) |\n")
                .append("| `systemd/besu-<node>.service` | systemd unit running the node from this directory |\n")
                .append("| `docker-compose.yml` | the same nodes as containers of `").append(spec.besuImage())
                .append("` |\n\n")
                .append("| node | hospital | address | p2p | rpc | metrics |\n|---|---|---|---|---|---|\n");
        for (GeneratedNode node : nodes) {
            NetworkSpec.NodeSpec n = node.spec();
            md.append("| ").append(n.name()).append(" | ").append(n.hospital()).append(" | `")
                    .append(node.key().address()).append("` | ").append(n.host()).append(':').append(n.p2pPort())
                    .append(" | 127.0.0.1:").append(n.rpcPort()).append(" | 127.0.0.1:").append(n.metricsPort())
                    .append(" |\n");
        }
        return md.toString();
    }

    private static void writeJson(Path file, Object value) throws IOException {
        writeText(file, JSON.writeValueAsString(value) + "\n");
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
