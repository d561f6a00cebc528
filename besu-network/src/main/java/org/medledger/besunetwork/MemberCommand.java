package org.medledger.besunetwork;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Consortium membership in ConsortiumRegistry: propose adding or removing a hospital, and vote on proposals. */
@Command(name = "member", description = "Proposes and votes on consortium membership in ConsortiumRegistry "
        + "(a proposal passes with the votes of more than half of the members).",
        subcommands = {MemberCommand.ProposeAdd.class, MemberCommand.ProposeRemove.class,
                MemberCommand.ProposeNodeChange.class, MemberCommand.Vote.class})
final class MemberCommand {

    /** Options every membership transaction needs. */
    static final class Connection {
        @Option(names = "--rpc", required = true, description = "JSON-RPC URL of a node.")
        String rpc;

        @Option(names = "--key", required = true, description = "Key file of a member account (e.g. the hospital's node key).")
        Path key;

        @Option(names = "--registry", required = true, description = "ConsortiumRegistry address (printed by deploy-contracts).")
        String registry;

        String send(java.util.function.Function<ConsortiumRegistry, org.web3j.protocol.core.RemoteFunctionCall<TransactionReceipt>> call)
                throws Exception {
            try (SigningConnection chain = new SigningConnection(rpc, key)) {
                ConsortiumRegistry contract = ConsortiumRegistry.load(registry, chain.web3j, chain.txManager,
                        chain.gasProvider);
                TransactionReceipt receipt = call.apply(contract).send();
                StringBuilder out = new StringBuilder("tx " + receipt.getTransactionHash() + " in block "
                        + receipt.getBlockNumber());
                for (var created : ConsortiumRegistry.getProposalCreatedEvents(receipt)) {
                    out.append("\nproposal ").append(created.proposalId).append(" created for ")
                            .append(created.account).append("; members now vote with: besu-network member vote --proposal ")
                            .append(created.proposalId);
                }
                for (var voted : ConsortiumRegistry.getVotedEvents(receipt)) {
                    out.append("\nproposal ").append(voted.proposalId).append(": ").append(voted.approvals)
                            .append(" of ").append(voted.needed).append(" approvals needed");
                }
                for (var executed : ConsortiumRegistry.getProposalExecutedEvents(receipt)) {
                    out.append("\nproposal ").append(executed.proposalId).append(" executed");
                }
                return out.toString();
            }
        }
    }

    @Command(name = "propose-add", description = "Proposes a hospital as member (its account and one node's enode id).")
    static final class ProposeAdd implements Callable<Integer> {
        @Spec
        CommandSpec command;
        @Mixin
        Connection connection;
        @Option(names = "--account", required = true, description = "The hospital's account address.")
        String account;
        @Option(names = "--name", required = true, description = "The hospital's name.")
        String name;
        @Option(names = "--fhir-base-url", required = true, description = "The hospital's FHIR base URL.")
        String fhirBaseUrl;
        @Option(names = "--enode-id", defaultValue = "", description = "Public key (128 hex) of the hospital's node, allowed to peer once the proposal passes.")
        String enodeId;

        @Override
        public Integer call() throws Exception {
            command.commandLine().getOut().println(
                    connection.send(c -> c.proposeAdd(account, name, fhirBaseUrl, enodeId)));
            return 0;
        }
    }

    @Command(name = "propose-remove", description = "Proposes removing a member hospital (and its nodes).")
    static final class ProposeRemove implements Callable<Integer> {
        @Spec
        CommandSpec command;
        @Mixin
        Connection connection;
        @Option(names = "--account", required = true, description = "The member's account address.")
        String account;

        @Override
        public Integer call() throws Exception {
            command.commandLine().getOut().println(connection.send(c -> c.proposeRemove(account)));
            return 0;
        }
    }

    @Command(name = "propose-node-change", description = "Proposes allowing a member's new node, retiring one of "
            + "its nodes, or both at once (a node key rotation), under on-chain node permissioning.")
    static final class ProposeNodeChange implements Callable<Integer> {
        @Spec
        CommandSpec command;
        @Mixin
        Connection connection;
        @Option(names = "--account", required = true, description = "The member's account address.")
        String account;
        @Option(names = "--new-enode-id", defaultValue = "", description = "Public key (128 hex) of the node to allow.")
        String newEnodeId;
        @Option(names = "--retired-enode-id", defaultValue = "", description = "Public key (128 hex) of the node to retire.")
        String retiredEnodeId;

        @Override
        public Integer call() throws Exception {
            if (newEnodeId.isEmpty() && retiredEnodeId.isEmpty()) {
                throw new IllegalArgumentException("give --new-enode-id, --retired-enode-id or both");
            }
            command.commandLine().getOut().println(
                    connection.send(c -> c.proposeNodeChange(account, newEnodeId, retiredEnodeId)));
            return 0;
        }
    }

    @Command(name = "vote", description = "Approves a membership proposal with this member account.")
    static final class Vote implements Callable<Integer> {
        @Spec
        CommandSpec command;
        @Mixin
        Connection connection;
        @Option(names = "--proposal", required = true, description = "Proposal id (printed by propose-add/propose-remove).")
        long proposal;

        @Override
        public Integer call() throws Exception {
            command.commandLine().getOut().println(connection.send(c -> c.vote(BigInteger.valueOf(proposal))));
            return 0;
        }
    }
}
