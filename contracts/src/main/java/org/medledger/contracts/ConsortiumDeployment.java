package org.medledger.contracts;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.medledger.contracts.generated.ConsentRegistry;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.medledger.contracts.generated.RecordAnchor;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/** Deploys the consortium's contracts in dependency order: the registry first, the others pointing at it. */
public final class ConsortiumDeployment {

    private ConsortiumDeployment() {
    }

    /** Deploys ConsortiumRegistry (with the founders), then RecordAnchor and ConsentRegistry pointing at it. */
    public static ConsortiumAddresses deploy(Web3j web3j, TransactionManager txManager, ContractGasProvider gasProvider,
                                             List<FoundingMember> founders, long proposalTtlBlocks) throws Exception {
        if (founders.isEmpty()) {
            throw new IllegalArgumentException("A consortium needs at least one founding member");
        }
        List<String> names = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        List<String> enodes = new ArrayList<>();
        List<String> enodeOwners = new ArrayList<>();
        for (FoundingMember founder : founders) {
            names.add(founder.name());
            urls.add(founder.fhirBaseUrl());
            accounts.add(founder.account());
            for (String enodeId : founder.enodeIds()) {
                enodes.add(enodeId);
                enodeOwners.add(founder.account());
            }
        }
        ConsortiumRegistry registry = ConsortiumRegistry.deploy(web3j, txManager, gasProvider, names, urls, accounts,
                enodes, enodeOwners, BigInteger.valueOf(proposalTtlBlocks)).send();
        RecordAnchor anchor = RecordAnchor.deploy(web3j, txManager, gasProvider, registry.getContractAddress()).send();
        ConsentRegistry consent = ConsentRegistry.deploy(web3j, txManager, gasProvider,
                registry.getContractAddress()).send();
        return new ConsortiumAddresses(registry.getContractAddress(), anchor.getContractAddress(),
                consent.getContractAddress());
    }
}
