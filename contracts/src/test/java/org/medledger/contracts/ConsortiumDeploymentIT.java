package org.medledger.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medledger.contracts.generated.ConsentRegistry;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.medledger.contracts.generated.RecordAnchor;

/** The deployment the app server and the besu-network CLI run: three contracts wired to one registry. */
class ConsortiumDeploymentIT {

    private static final String NODE_A1 = "a1".repeat(64);
    private static final String NODE_A2 = "a2".repeat(64);

    @Test
    void deploysTheRegistryWithEveryFounderNodeAndPointsTheOtherContractsAtIt() throws Exception {
        DevChain chain = new DevChain();
        String a = chain.account(0).getAddress();
        String b = chain.account(1).getAddress();
        ConsortiumAddresses deployed = ConsortiumDeployment.deploy(chain.web3j, chain.sender(0), chain.gas,
                List.of(new FoundingMember("Hospital A", "https://a.example/fhir", a, List.of(NODE_A1, NODE_A2)),
                        new FoundingMember("Hospital B", "https://b.example/fhir", b, List.of())),
                10);

        ConsortiumRegistry registry = ConsortiumRegistry.load(deployed.consortiumRegistry(), chain.web3j,
                chain.sender(0), chain.gas);
        assertEquals(BigInteger.TWO, registry.memberCount().send());
        assertTrue(registry.isMember(a).send());
        assertTrue(registry.isMember(b).send());
        assertEquals(BigInteger.TEN, registry.proposalTtlBlocks().send());
        assertEquals(List.of(NODE_A1, NODE_A2), registry.memberAt(BigInteger.ZERO).send().component4());
        assertTrue(registry.connectionAllowed(NODE_A2, "10.0.0.1", BigInteger.valueOf(30303)).send());
        assertFalse(registry.connectionAllowed("a3".repeat(64), "10.0.0.1", BigInteger.valueOf(30303)).send());

        RecordAnchor anchor = RecordAnchor.load(deployed.recordAnchor(), chain.web3j, chain.sender(1), chain.gas);
        assertEquals(deployed.consortiumRegistry().toLowerCase(), anchor.registry().send().toLowerCase());
        ConsentRegistry consent = ConsentRegistry.load(deployed.consentRegistry(), chain.web3j, chain.sender(0),
                chain.gas);
        assertEquals(deployed.consortiumRegistry().toLowerCase(), consent.registry().send().toLowerCase());

        byte[] root = new byte[32];
        root[31] = 7;
        anchor.anchor(root, BigInteger.ONE, root).send();
        assertEquals(b.toLowerCase(), anchor.anchorOf(root).send().component1().toLowerCase(),
                "a founder other than the deployer can anchor");
    }

    @Test
    void aConsortiumWithoutFoundersIsRefusedBeforeAnyTransaction() throws Exception {
        DevChain chain = new DevChain();
        long before = chain.blockNumber();
        assertThrows(IllegalArgumentException.class,
                () -> ConsortiumDeployment.deploy(chain.web3j, chain.sender(0), chain.gas, List.of(), 10));
        assertEquals(before, chain.blockNumber());
    }
}
