package org.medledger.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Membership by strict majority vote, proposal expiry, and Besu's permissioning answers. */
class ConsortiumRegistryIT {

    private static final String ENODE_A = "a".repeat(128);
    private static final String ENODE_A2 = "0a".repeat(64);
    private static final String ENODE_B = "b".repeat(128);
    private static final String ENODE_B2 = "0b".repeat(64);
    private static final String ENODE_D = "d".repeat(128);
    private static DevChain chain;

    private ConsortiumRegistry asA;
    private ConsortiumRegistry asB;
    private ConsortiumRegistry asC;
    private String a;
    private String b;
    private String c;
    private String d;

    @BeforeAll
    static void connect() throws Exception {
        chain = new DevChain();
    }

    @BeforeEach
    void deployThreeFounders() throws Exception {
        a = chain.account(0).getAddress();
        b = chain.account(1).getAddress();
        c = chain.account(2).getAddress();
        d = chain.account(3).getAddress();
        asA = ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas,
                List.of("Hospital A", "Hospital B", "Hospital C"),
                List.of("https://a.example/fhir", "https://b.example/fhir", "https://c.example/fhir"),
                List.of(a, b, c), List.of(ENODE_A, ENODE_B, ENODE_B2), List.of(a, b, b), BigInteger.valueOf(5)).send();
        asB = ConsortiumRegistry.load(asA.getContractAddress(), chain.web3j, chain.sender(1), chain.gas);
        asC = ConsortiumRegistry.load(asA.getContractAddress(), chain.web3j, chain.sender(2), chain.gas);
    }

    @Test
    void foundersAreMembersWithTheirDetails() throws Exception {
        assertEquals(BigInteger.valueOf(3), asA.memberCount().send());
        assertTrue(asA.isMember(b).send());
        assertFalse(asA.isMember(d).send());
        var first = asA.memberAt(BigInteger.ZERO).send();
        assertEquals(a.toLowerCase(), first.component1().toLowerCase());
        assertEquals("Hospital A", first.component2());
        assertEquals("https://a.example/fhir", first.component3());
        assertEquals(List.of(ENODE_A), first.component4());
        assertEquals(BigInteger.TWO, asA.approvalsNeeded().send(), "strict majority of 3 is 2");
        assertEquals(List.of(ENODE_B, ENODE_B2), asA.memberAt(BigInteger.ONE).send().component4(),
                "a founder may run several nodes");
        assertEquals(List.of(), asA.memberAt(BigInteger.TWO).send().component4());
        assertTrue(asA.connectionAllowed(ENODE_B2, "10.0.0.3", BigInteger.valueOf(30303)).send());
    }

    @Test
    void foundingNodesMustBelongToFoundersAndBeDistinct() {
        DevChain.assertReverts("ConsortiumRegistry: enode arrays differ in length",
                () -> ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, List.of("A"),
                        List.of("https://a.example/fhir"), List.of(a), List.of(ENODE_A), List.of(),
                        BigInteger.ONE).send());
        DevChain.assertReverts("ConsortiumRegistry: enode owner is not a founder",
                () -> ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, List.of("A"),
                        List.of("https://a.example/fhir"), List.of(a), List.of(ENODE_A), List.of(d),
                        BigInteger.ONE).send());
        DevChain.assertReverts("ConsortiumRegistry: enode already allowed",
                () -> ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, List.of("A", "B"),
                        List.of("https://a.example/fhir", "https://b.example/fhir"), List.of(a, b),
                        List.of(ENODE_A, ENODE_A.toUpperCase()), List.of(a, b), BigInteger.ONE).send());
        DevChain.assertReverts("ConsortiumRegistry: empty enode id",
                () -> ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, List.of("A"),
                        List.of("https://a.example/fhir"), List.of(a), List.of(""), List.of(a),
                        BigInteger.ONE).send());
        DevChain.assertReverts("ConsortiumRegistry: enode already allowed",
                () -> asA.proposeAdd(d, "Hospital D", "https://d.example/fhir", ENODE_B2).send());
    }

    @Test
    void votesOfMembersRemovedSinceNoLongerCount() throws Exception {
        // Proposals live 5 blocks here: the removal comes first so the addition is still open at the end.
        asB.proposeRemove(a).send(); // proposal 0
        asA.proposeAdd(d, "Hospital D", "https://d.example/fhir", "").send(); // proposal 1
        asA.vote(BigInteger.ONE).send();
        asB.vote(BigInteger.ZERO).send();
        asC.vote(BigInteger.ZERO).send();
        assertFalse(asA.isMember(a).send());

        TransactionReceipt receipt = asB.vote(BigInteger.ONE).send();
        var voted = ConsortiumRegistry.getVotedEvents(receipt).get(0);
        assertEquals(BigInteger.ONE, voted.approvals, "A's earlier vote lapsed with A's membership");
        assertEquals(BigInteger.TWO, voted.needed);
        assertFalse(asA.isMember(d).send());
        asC.vote(BigInteger.ONE).send();
        assertTrue(asA.isMember(d).send());
    }

    @Test
    void aSecondRemovalOfTheSameMemberCannotPass() throws Exception {
        asA.proposeRemove(b).send();
        asA.proposeRemove(b).send();
        asA.vote(BigInteger.ZERO).send();
        asC.vote(BigInteger.ZERO).send();
        assertFalse(asA.isMember(b).send());
        asA.vote(BigInteger.ONE).send();
        DevChain.assertReverts("ConsortiumRegistry: not a member", () -> asC.vote(BigInteger.ONE).send());
        assertEquals(BigInteger.TWO, asA.memberCount().send());
    }

    @Test
    void aStrictMajorityAddsAMemberAndEachMemberVotesOnce() throws Exception {
        TransactionReceipt proposed = asA.proposeAdd(d, "Hospital D", "https://d.example/fhir", ENODE_D).send();
        var created = ConsortiumRegistry.getProposalCreatedEvents(proposed).get(0);
        assertEquals(BigInteger.ZERO, created.proposalId);
        assertEquals(d.toLowerCase(), created.account.toLowerCase());
        assertEquals(a.toLowerCase(), created.proposer.toLowerCase());

        TransactionReceipt firstVote = asA.vote(BigInteger.ZERO).send();
        var voted = ConsortiumRegistry.getVotedEvents(firstVote).get(0);
        assertEquals(BigInteger.ONE, voted.approvals);
        assertEquals(BigInteger.TWO, voted.needed);
        assertFalse(asA.isMember(d).send(), "one vote of three is not a majority");
        DevChain.assertReverts("ConsortiumRegistry: already voted", () -> asA.vote(BigInteger.ZERO).send());

        TransactionReceipt secondVote = asB.vote(BigInteger.ZERO).send();
        assertEquals(1, ConsortiumRegistry.getProposalExecutedEvents(secondVote).size());
        var added = ConsortiumRegistry.getMemberAddedEvents(secondVote).get(0);
        assertEquals("Hospital D", added.name);
        assertTrue(asA.isMember(d).send());
        assertTrue(asA.connectionAllowed(ENODE_D, "10.0.0.4", BigInteger.valueOf(30303)).send());
        DevChain.assertReverts("ConsortiumRegistry: proposal already executed", () -> asC.vote(BigInteger.ZERO).send());
    }

    @Test
    void removalByMajorityRevokesPeeringAndTransactions() throws Exception {
        assertTrue(asA.connectionAllowed(ENODE_B, "10.0.0.2", BigInteger.valueOf(30303)).send());
        assertTrue(asA.transactionAllowed(b, a, BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(21000),
                new byte[0]).send());
        asA.proposeRemove(b).send();
        asA.vote(BigInteger.ZERO).send();
        TransactionReceipt executed = asC.vote(BigInteger.ZERO).send();
        assertEquals(b.toLowerCase(), ConsortiumRegistry.getMemberRemovedEvents(executed).get(0).account.toLowerCase());
        assertFalse(asA.isMember(b).send());
        assertFalse(asA.connectionAllowed(ENODE_B, "10.0.0.2", BigInteger.valueOf(30303)).send());
        assertFalse(asA.connectionAllowed(ENODE_B2, "10.0.0.3", BigInteger.valueOf(30303)).send(),
                "every node of the removed member loses peering");
        assertEquals(List.of(ENODE_B, ENODE_B2), ConsortiumRegistry.getNodeDisallowedEvents(executed).stream()
                .map(e -> e.enodeId).toList());
        assertFalse(asA.transactionAllowed(b, a, BigInteger.ZERO, BigInteger.ZERO, BigInteger.valueOf(21000),
                new byte[0]).send());
        DevChain.assertReverts("ConsortiumRegistry: caller is not a member", () -> asB.proposeRemove(a).send());
    }

    @Test
    void aNodeKeyRotationPassesByMajorityAndSwapsWhichNodeMayPeer() throws Exception {
        String rotated = "c".repeat(128);
        asA.proposeNodeChange(b, rotated, ENODE_B.toUpperCase()).send();
        asA.vote(BigInteger.ZERO).send();
        assertTrue(asA.connectionAllowed(ENODE_B, "10.0.0.2", BigInteger.valueOf(30303)).send(), "not decided yet");
        assertFalse(asA.connectionAllowed(rotated, "10.0.0.2", BigInteger.valueOf(30303)).send());
        TransactionReceipt executed = asB.vote(BigInteger.ZERO).send();
        assertEquals(List.of(ENODE_B), ConsortiumRegistry.getNodeDisallowedEvents(executed).stream()
                .map(e -> e.enodeId).toList());
        assertEquals(List.of(rotated), ConsortiumRegistry.getNodeAllowedEvents(executed).stream()
                .map(e -> e.enodeId).toList());
        assertFalse(asA.connectionAllowed(ENODE_B, "10.0.0.2", BigInteger.valueOf(30303)).send());
        assertTrue(asA.connectionAllowed(rotated, "10.0.0.2", BigInteger.valueOf(30303)).send());
        assertTrue(asA.connectionAllowed(ENODE_B2, "10.0.0.3", BigInteger.valueOf(30303)).send(),
                "the member's other node is untouched");
        assertTrue(asA.isMember(b).send());
    }

    @Test
    void nodeChangesMustNameAMembersOwnNodeAndAFreshOne() {
        DevChain.assertReverts("ConsortiumRegistry: not a node of that member",
                () -> asA.proposeNodeChange(b, "", ENODE_A).send());
        DevChain.assertReverts("ConsortiumRegistry: enode already allowed",
                () -> asA.proposeNodeChange(b, ENODE_A, "").send());
        DevChain.assertReverts("ConsortiumRegistry: no node change", () -> asA.proposeNodeChange(b, "", "").send());
        DevChain.assertReverts("ConsortiumRegistry: not a member", () -> asA.proposeNodeChange(d, ENODE_D, "").send());
    }

    @Test
    void enodeIdsAreMatchedCaseInsensitivelyAndUnknownNodesAreRefused() throws Exception {
        assertTrue(asA.connectionAllowed(ENODE_A.toUpperCase(), "10.0.0.1", BigInteger.valueOf(30303)).send());
        assertFalse(asA.connectionAllowed("e".repeat(128), "10.0.0.9", BigInteger.valueOf(30303)).send());
    }

    @Test
    void proposalsExpireAfterTheirLifetime() throws Exception {
        asA.proposeAdd(d, "Hospital D", "https://d.example/fhir", "").send();
        chain.mineBlocks(6);
        DevChain.assertReverts("ConsortiumRegistry: proposal expired", () -> asB.vote(BigInteger.ZERO).send());
        assertFalse(asA.isMember(d).send());
    }

    @Test
    void outsidersCannotProposeAndTheLastMemberCannotBeRemoved() throws Exception {
        ConsortiumRegistry asOutsider = ConsortiumRegistry.load(asA.getContractAddress(), chain.web3j,
                chain.sender(3), chain.gas);
        DevChain.assertReverts("ConsortiumRegistry: caller is not a member",
                () -> asOutsider.proposeAdd(d, "Hospital D", "https://d.example/fhir", "").send());
        DevChain.assertReverts("ConsortiumRegistry: already a member",
                () -> asA.proposeAdd(b, "again", "https://b.example/fhir", "").send());
        DevChain.assertReverts("ConsortiumRegistry: unknown proposal", () -> asA.vote(BigInteger.TEN).send());
        DevChain.assertReverts("ConsortiumRegistry: zero account", () -> asA.proposeAdd(
                "0x0000000000000000000000000000000000000000", "Nobody", "https://x.example/fhir", "").send());
        DevChain.assertReverts("ConsortiumRegistry: not a member", () -> asA.proposeRemove(d).send());

        ConsortiumRegistry solo = ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas,
                List.of("Only"), List.of("https://only.example/fhir"), List.of(a), List.of(), List.of(),
                BigInteger.valueOf(5)).send();
        DevChain.assertReverts("ConsortiumRegistry: cannot remove the last member", () -> solo.proposeRemove(a).send());
    }

    @Test
    void deploymentRejectsInconsistentFounders() {
        DevChain.assertReverts("ConsortiumRegistry: founder arrays differ in length",
                () -> ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, List.of("A", "B"),
                        List.of("https://a.example/fhir"), List.of(a), List.of(), List.of(), BigInteger.ONE).send());
        DevChain.assertReverts("ConsortiumRegistry: proposal lifetime must be positive",
                () -> ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, List.of("A"),
                        List.of("https://a.example/fhir"), List.of(a), List.of(), List.of(), BigInteger.ZERO).send());
        DevChain.assertReverts("ConsortiumRegistry: no founding members",
                () -> ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, List.of(), List.of(),
                        List.of(), List.of(), List.of(), BigInteger.ONE).send());
    }
}
