package org.medledger.besunetwork;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.medledger.contracts.ConsortiumAddresses;
import org.medledger.contracts.ConsortiumDeployment;
import org.medledger.contracts.FoundingMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy-contracts", description = "Deploys ConsortiumRegistry (with the founding hospitals), "
        + "RecordAnchor and ConsentRegistry, and prints their addresses and the permissioning lines for config.toml.")
final class DeployContractsCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--rpc", required = true, description = "JSON-RPC URL of a node.")
    String rpc;

    @Option(names = "--key", required = true, description = "Private key file of the deploying account (a node's key file).")
    Path key;

    @Option(names = "--founders", required = true, description = "JSON array of {name, fhirBaseUrl, account, enodeIds}.")
    Path founders;

    @Option(names = "--proposal-ttl-blocks", defaultValue = "17280", description = "Blocks a membership proposal stays open (default ${DEFAULT-VALUE}).")
    long proposalTtlBlocks;

    @Override
    public Integer call() throws Exception {
        List<FoundingMember> members = readFounders(founders);
        try (SigningConnection chain = new SigningConnection(rpc, key)) {
            ConsortiumAddresses addresses = ConsortiumDeployment.deploy(chain.web3j, chain.txManager,
                    chain.gasProvider, members, proposalTtlBlocks);
            var out = command.commandLine().getOut();
            out.println("ConsortiumRegistry: " + addresses.consortiumRegistry());
            out.println("RecordAnchor:       " + addresses.recordAnchor());
            out.println("ConsentRegistry:    " + addresses.consentRegistry());
            out.println();
            out.println("# config.toml lines for on-chain permissioning (RUNBOOK.md, \"Enable on-chain permissioning\"):");
            out.println("permissions-nodes-contract-enabled=true");
            out.println("permissions-nodes-contract-address=\"" + addresses.consortiumRegistry() + "\"");
            out.println("permissions-nodes-contract-version=2");
            out.println("permissions-accounts-contract-enabled=true");
            out.println("permissions-accounts-contract-address=\"" + addresses.consortiumRegistry() + "\"");
            return 0;
        }
    }

    static List<FoundingMember> readFounders(Path file) throws java.io.IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray() || root.isEmpty()) {
            throw new IllegalArgumentException(file + " must be a non-empty JSON array of founding members");
        }
        List<FoundingMember> members = new ArrayList<>();
        for (JsonNode m : root) {
            List<String> enodes = new ArrayList<>();
            m.path("enodeIds").forEach(e -> enodes.add(e.asText()));
            for (String field : List.of("name", "fhirBaseUrl", "account")) {
                if (!m.hasNonNull(field)) {
                    throw new IllegalArgumentException(file + ": founding member without \"" + field + "\"");
                }
            }
            if (java.net.URI.create(m.get("fhirBaseUrl").asText()).getHost() == null
                    || java.net.URI.create(m.get("fhirBaseUrl").asText()).getHost().endsWith(".invalid")) {
                throw new IllegalArgumentException(file + ": set the real FHIR base URL of \"" + m.get("name").asText()
                        + "\" (the generated founders.json holds .invalid placeholders)");
            }
            members.add(new FoundingMember(m.get("name").asText(), m.get("fhirBaseUrl").asText(),
                    m.get("account").asText(), enodes));
        }
        return members;
    }
}
