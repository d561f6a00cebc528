package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint16;

/**
 * The runbook's "join a new hospital" and "remove a hospital" steps, as operators type them, against the Hardhat
 * node: two founding hospitals deploy the contracts, then vote a third one in and out again.
 */
class MemberIT {

    /** Hardhat's well-known development accounts 1 and 2 (account 0 is in {@link NodeKeyTest}). */
    static final String HARDHAT_1_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    static final String HARDHAT_2_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

    @TempDir
    Path tmp;

    @Test
    void twoFoundersVoteAThirdHospitalInAndOut() throws Exception {
        Path key0 = keyFile("key0", NodeKeyTest.HARDHAT_0_KEY);
        Path key1 = keyFile("key1", HARDHAT_1_KEY);
        Path key2 = keyFile("key2", HARDHAT_2_KEY);
        NodeKey founder0 = NodeKey.fromPrivateKey(NodeKeyTest.HARDHAT_0_KEY);
        NodeKey founder1 = NodeKey.fromPrivateKey(HARDHAT_1_KEY);
        NodeKey joiner = NodeKey.fromPrivateKey(HARDHAT_2_KEY);
        Path founders = tmp.resolve("founders.json");
        Files.writeString(founders, """
                [
                  {"name": "Hospital A", "fhirBaseUrl": "https://a.example.org/fhir", "account": "%s", "enodeIds": ["%s"]},
                  {"name": "Hospital B", "fhirBaseUrl": "https://b.example.org/fhir", "account": "%s", "enodeIds": ["%s"]}
                ]
                """.formatted(founder0.address(), founder0.enodeId(), founder1.address(), founder1.enodeId()));
        Cli deploy = Cli.run("deploy-contracts", "--rpc", StatusIT.RPC, "--key", key0.toString(),
                "--founders", founders.toString());
        assertEquals(0, deploy.exitCode(), deploy.err());
        Matcher registryMatch = Pattern.compile("ConsortiumRegistry: (0x[0-9a-fA-F]{40})").matcher(deploy.out());
        assertTrue(registryMatch.find(), deploy.out());
        String registry = registryMatch.group(1);

        Cli propose = Cli.run("member", "propose-add", "--rpc", StatusIT.RPC, "--key", key0.toString(),
                "--registry", registry, "--account", joiner.address(), "--name", "Hospital C",
                "--fhir-base-url", "https://c.example.org/fhir", "--enode-id", joiner.enodeId());
        assertEquals(0, propose.exitCode(), propose.err());
        long proposal = proposalId(propose.out());

        // The joining hospital's own key is not a member yet: it cannot vote for itself.
        Cli selfVote = Cli.run("member", "vote", "--rpc", StatusIT.RPC, "--key", key2.toString(),
                "--registry", registry, "--proposal", Long.toString(proposal));
        assertEquals(BesuNetworkCli.EXIT_FAILED, selfVote.exitCode(), selfVote.out());
        assertTrue(selfVote.err().startsWith("error: "), selfVote.err());

        Cli first = vote(key0, registry, proposal);
        assertTrue(first.out().contains("proposal " + proposal + ": 1 of 2 approvals needed"), first.out());
        assertFalse(first.out().contains("executed"), first.out());
        Cli again = vote(key0, registry, proposal, BesuNetworkCli.EXIT_FAILED);
        assertTrue(again.err().contains("already voted"), again.err());
        Cli second = vote(key1, registry, proposal);
        assertTrue(second.out().contains("proposal " + proposal + " executed"), second.out());

        // The new hospital rotates its node key: the new node may peer once the members agree, the old one no more.
        NodeKey rotated = NodeKey.generate();
        Cli rotation = Cli.run("member", "propose-node-change", "--rpc", StatusIT.RPC, "--key", key2.toString(),
                "--registry", registry, "--account", joiner.address(), "--new-enode-id", rotated.enodeId(),
                "--retired-enode-id", joiner.enodeId());
        assertEquals(0, rotation.exitCode(), rotation.err());
        long change = proposalId(rotation.out());
        vote(key0, registry, change);
        assertTrue(vote(key1, registry, change).out().contains("proposal " + change + " executed"));
        JsonRpcClient rpc = new JsonRpcClient(StatusIT.RPC);
        assertTrue(connectionAllowed(rpc, registry, rotated.enodeId()));
        assertFalse(connectionAllowed(rpc, registry, joiner.enodeId()));
        Cli empty = Cli.run("member", "propose-node-change", "--rpc", StatusIT.RPC, "--key", key2.toString(),
                "--registry", registry, "--account", joiner.address());
        assertEquals(BesuNetworkCli.EXIT_REFUSED, empty.exitCode());

        // Now three members: removing one needs 2 of 3.
        Cli remove = Cli.run("member", "propose-remove", "--rpc", StatusIT.RPC, "--key", key2.toString(),
                "--registry", registry, "--account", joiner.address());
        assertEquals(0, remove.exitCode(), remove.err());
        long removal = proposalId(remove.out());
        assertTrue(vote(key2, registry, removal).out().contains("1 of 2 approvals needed"));
        assertTrue(vote(key1, registry, removal).out().contains("proposal " + removal + " executed"));
    }

    /** Asks the registry as Besu would: eth_call of connectionAllowed(enodeId, host, port). */
    private static boolean connectionAllowed(JsonRpcClient rpc, String registry, String enodeId) throws Exception {
        Function call = new Function("connectionAllowed",
                List.of(new Utf8String(enodeId),
                        new Utf8String("10.0.5.10"),
                        new Uint16(30303)),
                List.of());
        String result = rpc.call("eth_call", Map.of("to", registry,
                "data", FunctionEncoder.encode(call)), "latest").asText();
        return new BigInteger(result.substring(2), 16).signum() != 0;
    }

    private Path keyFile(String name, String key) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, key);
        return file;
    }

    private static long proposalId(String out) {
        Matcher m = Pattern.compile("proposal (\\d+) created").matcher(out);
        assertTrue(m.find(), out);
        return Long.parseLong(m.group(1));
    }

    private static Cli vote(Path key, String registry, long proposal) {
        return vote(key, registry, proposal, 0);
    }

    private static Cli vote(Path key, String registry, long proposal, int expectedExit) {
        Cli cli = Cli.run("member", "vote", "--rpc", StatusIT.RPC, "--key", key.toString(), "--registry", registry,
                "--proposal", Long.toString(proposal));
        assertEquals(expectedExit, cli.exitCode(), cli.out() + cli.err());
        return cli;
    }
}
