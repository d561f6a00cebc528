package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;

class GenerateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path generate(String... extra) {
        Path out = tmp.resolve("network");
        List<String> args = new ArrayList<>(List.of("generate", "--hospitals", "4", "--consensus", "qbft",
                "--block-period", "2", "--chain-id", "2026", "--out", out.toString()));
        args.addAll(List.of(extra));
        Cli cli = Cli.run(args.toArray(String[]::new));
        assertEquals(0, cli.exitCode(), cli.err());
        return out;
    }

    private static List<Path> nodeDirs(Path out) throws IOException {
        try (var dirs = Files.list(out.resolve("nodes"))) {
            return dirs.sorted().toList();
        }
    }

    private static TomlParseResult toml(Path file) throws IOException {
        TomlParseResult toml = Toml.parse(file);
        assertFalse(toml.hasErrors(), () -> file + ": " + toml.errors());
        return toml;
    }

    @Test
    void genesisCarriesQbftSettingsShanghaiZeroBaseFeeAndTheNodesAsValidators() throws IOException {
        Path out = generate();
        JsonNode genesis = JSON.readTree(out.resolve("genesis.json").toFile());
        JsonNode config = genesis.get("config");
        assertEquals(2026, config.get("chainId").asLong());
        assertEquals(2, config.at("/qbft/blockperiodseconds").asInt());
        assertEquals(30000, config.at("/qbft/epochlength").asInt());
        assertEquals(4, config.at("/qbft/requesttimeoutseconds").asInt());
        assertEquals(0, config.get("shanghaiTime").asInt());
        assertEquals(0, config.get("londonBlock").asInt());
        assertEquals(0, config.get("berlinBlock").asInt());
        assertTrue(config.get("zeroBaseFee").asBoolean());
        assertFalse(config.has("ibft2"));

        List<String> addresses = new ArrayList<>();
        for (Path dir : nodeDirs(out)) {
            addresses.add(Files.readString(dir.resolve("address")).strip());
        }
        assertEquals(4, addresses.size());
        assertEquals(addresses, ExtraDataCodec.decodeValidators(Consensus.QBFT, genesis.get("extraData").asText()));
        for (String address : addresses) {
            assertTrue(genesis.at("/alloc/" + address + "/balance").isTextual(), "funded: " + address);
        }
    }

    @Test
    void ibft2NetworkUsesIbft2ConfigAndIbftExtraDataAndApi() throws IOException {
        Path out = tmp.resolve("ibft");
        Cli cli = Cli.run("generate", "--hospitals", "2", "--validators-per-hospital", "2", "--consensus", "ibft2",
                "--block-period", "5", "--chain-id", "77", "--out", out.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode genesis = JSON.readTree(out.resolve("genesis.json").toFile());
        assertEquals(5, genesis.at("/config/ibft2/blockperiodseconds").asInt());
        assertEquals(10, genesis.at("/config/ibft2/requesttimeoutseconds").asInt());
        assertEquals(4, ExtraDataCodec.decodeValidators(Consensus.IBFT2, genesis.get("extraData").asText()).size());
        TomlParseResult config = toml(out.resolve("nodes/hospital2-node2/config.toml"));
        assertEquals(List.of("ETH", "NET", "IBFT", "WEB3", "PERM"), config.getArray("rpc-http-api").toList());
    }

    @Test
    void eachConfigTomlParsesAndHoldsWhatTheRunbookSays() throws IOException {
        Path out = generate();
        int i = 0;
        for (Path dir : nodeDirs(out)) {
            String name = dir.getFileName().toString();
            TomlParseResult config = toml(dir.resolve("config.toml"));
            assertEquals("genesis.json", config.getString("genesis-file"));
            assertEquals("nodes/" + name + "/data", config.getString("data-path"));
            assertEquals("nodes/" + name + "/key", config.getString("node-private-key-file"));
            assertEquals(30303L + i, config.getLong("p2p-port"));
            assertEquals(8545L + i, config.getLong("rpc-http-port"));
            assertEquals(9545L + i, config.getLong("metrics-port"));
            assertEquals(List.of("ETH", "NET", "QBFT", "WEB3", "PERM"), config.getArray("rpc-http-api").toList());
            assertEquals(List.of("localhost", "127.0.0.1"), config.getArray("host-allowlist").toList());
            assertEquals(Boolean.TRUE, config.getBoolean("metrics-enabled"));
            assertEquals("static-nodes.json", config.getString("static-nodes-file"));
            assertEquals(Boolean.TRUE, config.getBoolean("permissions-nodes-config-file-enabled"));
            assertEquals(Boolean.TRUE, config.getBoolean("permissions-accounts-config-file-enabled"));
            // Contract permissioning waits for deploy-contracts: present as commented lines only.
            assertFalse(config.contains("permissions-nodes-contract-enabled"));
            String text = Files.readString(dir.resolve("config.toml"));
            assertTrue(text.contains("#permissions-nodes-contract-version=2"));
            assertTrue(text.contains("#permissions-accounts-contract-address=\"CONSORTIUM_REGISTRY_ADDRESS\""));
            assertTrue(Files.isRegularFile(out.resolve(config.getString("permissions-nodes-config-file"))));
            i++;
        }
    }

    @Test
    void enodeUrlsMatchThePublicKeysAndEveryNodeIsAllowlisted() throws IOException {
        Path out = generate();
        List<Object> staticNodes = new ArrayList<>();
        JSON.readTree(out.resolve("static-nodes.json").toFile()).forEach(n -> staticNodes.add(n.asText()));
        List<Path> dirs = nodeDirs(out);
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = dirs.get(i);
            NodeKey key = NodeKey.fromPrivateKey(Files.readString(dir.resolve("key")));
            String pub = Files.readString(dir.resolve("key.pub"));
            assertEquals(key.publicKeyHex(), pub);
            assertEquals(key.address(), Files.readString(dir.resolve("address")).strip());
            String enode = Files.readString(dir.resolve("enode")).strip();
            assertEquals("enode://" + pub.substring(2) + "@127.0.0.1:" + (30303 + i), enode);
            assertTrue(staticNodes.contains(enode));
            TomlParseResult allowlist = toml(dir.resolve("permissions_config.toml"));
            TomlArray nodes = allowlist.getArray("nodes-allowlist");
            TomlArray accounts = allowlist.getArray("accounts-allowlist");
            assertEquals(staticNodes, nodes.toList());
            assertTrue(accounts.toList().contains(key.address()));
        }
        assertEquals(4, staticNodes.size());
    }

    @Test
    void foundersFileNamesOneMemberPerHospitalWithAllItsNodes() throws IOException {
        Path out = tmp.resolve("two-per-hospital");
        Cli cli = Cli.run("generate", "--hospitals", "2", "--validators-per-hospital", "2", "--block-period", "2",
                "--chain-id", "2026", "--out", out.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode founders = JSON.readTree(out.resolve("founders.json").toFile());
        assertEquals(2, founders.size());
        for (int h = 1; h <= 2; h++) {
            JsonNode member = founders.get(h - 1);
            assertEquals("hospital" + h, member.get("name").asText());
            assertEquals(Files.readString(out.resolve("nodes/hospital" + h + "-node1/address")).strip(),
                    member.get("account").asText());
            List<String> enodeIds = new ArrayList<>();
            member.get("enodeIds").forEach(e -> enodeIds.add(e.asText()));
            List<String> expected = new ArrayList<>();
            for (int v = 1; v <= 2; v++) {
                expected.add(Files.readString(out.resolve("nodes/hospital" + h + "-node" + v + "/key.pub")).substring(2));
            }
            assertEquals(expected, enodeIds);
        }
        // The placeholders must be replaced: deploy-contracts refuses them before touching any node.
        Path key = tmp.resolve("key");
        Files.writeString(key, NodeKeyTest.HARDHAT_0_KEY);
        Cli deploy = Cli.run("deploy-contracts", "--rpc", "http://127.0.0.1:1", "--key", key.toString(),
                "--founders", out.resolve("founders.json").toString());
        assertEquals(BesuNetworkCli.EXIT_REFUSED, deploy.exitCode());
        assertTrue(deploy.err().contains("set the real FHIR base URL of \"hospital1\""), deploy.err());
    }

    @Test
    void keysAreReadableOnlyByTheirOwner() throws IOException {
        Path out = generate();
        for (Path dir : nodeDirs(out)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key"))));
        }
    }

    @Test
    void nodesGetDistinctKeys() throws IOException {
        Path out = generate();
        List<Path> dirs = nodeDirs(out);
        assertNotEquals(Files.readString(dirs.get(0).resolve("key")), Files.readString(dirs.get(1).resolve("key")));
    }

    @Test
    void refusesToOverwriteAnExistingNetworkWithoutForce() throws IOException {
        Path out = generate();
        String keyBefore = Files.readString(out.resolve("nodes/hospital1-node1/key"));
        Cli again = Cli.run("generate", "--hospitals", "4", "--block-period", "2", "--chain-id", "2026",
                "--out", out.toString());
        assertEquals(BesuNetworkCli.EXIT_REFUSED, again.exitCode());
        assertTrue(again.err().contains("Refusing to overwrite"), again.err());
        assertEquals(keyBefore, Files.readString(out.resolve("nodes/hospital1-node1/key")));
    }

    @Test
    void forceReplacesTheNetworkWithFreshKeys() throws IOException {
        Path out = generate();
        String keyBefore = Files.readString(out.resolve("nodes/hospital1-node1/key"));
        Cli again = Cli.run("generate", "--hospitals", "1", "--block-period", "2", "--chain-id", "2026",
                "--out", out.toString(), "--force");
        assertEquals(0, again.exitCode(), again.err());
        assertNotEquals(keyBefore, Files.readString(out.resolve("nodes/hospital1-node1/key")));
        assertEquals(1, nodeDirs(out).size());
    }

    @Test
    void systemdUnitsComposeFileAndReadmeDescribeEveryNode() throws IOException {
        Path out = generate();
        String compose = Files.readString(out.resolve("docker-compose.yml"));
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.contains("besu-network generate --hospitals 4 --consensus qbft --block-period 2"), readme);
        for (Path dir : nodeDirs(out)) {
            String name = dir.getFileName().toString();
            String unit = Files.readString(out.resolve("systemd/besu-" + name + ".service"));
            assertTrue(unit.contains("ExecStart=/opt/besu/bin/besu --config-file=nodes/" + name + "/config.toml"));
            assertTrue(unit.contains("WorkingDirectory=" + out.toAbsolutePath()));
            assertTrue(compose.contains("command: [\"--config-file=nodes/" + name + "/config.toml\"]"));
            assertTrue(readme.contains(Files.readString(dir.resolve("address")).strip()));
        }
        assertTrue(readme.contains("at most 1 of them are down"));
    }

    @Test
    void invalidArgumentsAreRefusedWithExitCodeTwo() {
        Cli cli = Cli.run("generate", "--hospitals", "0", "--block-period", "2", "--chain-id", "1",
                "--out", tmp.resolve("x").toString());
        assertEquals(BesuNetworkCli.EXIT_REFUSED, cli.exitCode());
        Cli consensus = Cli.run("generate", "--hospitals", "1", "--consensus", "clique", "--block-period", "2",
                "--chain-id", "1", "--out", tmp.resolve("y").toString());
        assertEquals(BesuNetworkCli.EXIT_REFUSED, consensus.exitCode());
        assertTrue(consensus.err().contains("expected qbft or ibft2"), consensus.err());
    }
}
