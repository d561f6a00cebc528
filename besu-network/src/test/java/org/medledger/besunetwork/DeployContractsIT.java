package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy-contracts against the Hardhat node, with a node key file in Besu's format and a founders file. */
class DeployContractsIT {

    @TempDir
    Path tmp;

    @Test
    void deploysTheConsortiumContractsAndPrintsThePermissioningLines() throws Exception {
        Path key = tmp.resolve("key");
        Files.writeString(key, NodeKeyTest.HARDHAT_0_KEY);
        NodeKey second = NodeKey.generate();
        Path founders = tmp.resolve("founders.json");
        Files.writeString(founders, """
                [
                  {"name": "Hospital One", "fhirBaseUrl": "https://one.example.org/fhir",
                   "account": "%s", "enodeIds": ["%s"]},
                  {"name": "Hospital Two", "fhirBaseUrl": "https://two.example.org/fhir",
                   "account": "%s", "enodeIds": ["%s"]}
                ]
                """.formatted(NodeKeyTest.HARDHAT_0_ADDRESS, NodeKey.fromPrivateKey(NodeKeyTest.HARDHAT_0_KEY).enodeId(),
                second.address(), second.enodeId()));

        Cli cli = Cli.run("deploy-contracts", "--rpc", StatusIT.RPC, "--key", key.toString(),
                "--founders", founders.toString());

        assertEquals(0, cli.exitCode(), cli.err());
        Matcher registry = Pattern.compile("ConsortiumRegistry: (0x[0-9a-fA-F]{40})").matcher(cli.out());
        assertTrue(registry.find(), cli.out());
        assertTrue(cli.out().contains("permissions-nodes-contract-address=\"" + registry.group(1) + "\""));
        JsonRpcClient rpc = new JsonRpcClient(StatusIT.RPC);
        for (String name : new String[] {"ConsortiumRegistry", "RecordAnchor", "ConsentRegistry"}) {
            Matcher m = Pattern.compile(name + ": +(0x[0-9a-fA-F]{40})").matcher(cli.out());
            assertTrue(m.find(), name);
            String code = rpc.call("eth_getCode", m.group(1), "latest").asText();
            assertTrue(code.length() > 2, name + " has no code at " + m.group(1));
        }
    }

    @Test
    void foundersFileThatIsNotAnArrayIsRefused() throws Exception {
        Path key = tmp.resolve("key");
        Files.writeString(key, NodeKeyTest.HARDHAT_0_KEY);
        Path founders = tmp.resolve("founders.json");
        Files.writeString(founders, "{}");
        Cli cli = Cli.run("deploy-contracts", "--rpc", StatusIT.RPC, "--key", key.toString(),
                "--founders", founders.toString());
        assertEquals(BesuNetworkCli.EXIT_REFUSED, cli.exitCode());
    }
}
