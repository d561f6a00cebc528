package org.medledger.contracts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medledger.contracts.generated.ConsentRegistry;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** Grants, final revocations, patient-signed consents (EIP-712) with replay protection, and break-glass events. */
class ConsentRegistryIT {

    private static final BigInteger OBSERVATIONS = BigInteger.valueOf(1 << 2);
    private static final BigInteger LABORATORY = BigInteger.valueOf(1 << 3);
    private static final BigInteger TREAT = BigInteger.ONE;
    private static final BigInteger RESEARCH = BigInteger.valueOf(1 << 4);

    private static DevChain chain;
    private static String registryAddress;

    private ConsentRegistry consents;
    private ConsentRegistry asOutsider;
    private byte[] patient;
    private byte[] hospitalB;
    private ECKeyPair patientKey;

    @BeforeAll
    static void deployRegistry() throws Exception {
        chain = new DevChain();
        registryAddress = ConsortiumRegistry.deploy(chain.web3j, chain.sender(0), chain.gas,
                List.of("Hospital A", "Hospital B"), List.of("https://a.example/fhir", "https://b.example/fhir"),
                List.of(chain.account(0).getAddress(), chain.account(1).getAddress()), List.of(), List.of(),
                BigInteger.valueOf(100)).send().getContractAddress();
    }

    @BeforeEach
    void deploy() throws Exception {
        consents = ConsentRegistry.deploy(chain.web3j, chain.sender(0), chain.gas, registryAddress).send();
        asOutsider = ConsentRegistry.load(consents.getContractAddress(), chain.web3j, chain.sender(6), chain.gas);
        patient = Hash.sha3(("pseudonym-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        hospitalB = Hash.sha3(("member-b-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        patientKey = Keys.createEcKeyPair();
    }

    @Test
    void aGrantPermitsExactlyItsScopesPurposesAndPeriod() throws Exception {
        long now = chain.latestTimestamp();
        TransactionReceipt receipt = consents.grant(patient, hospitalB, OBSERVATIONS.or(LABORATORY), TREAT,
                BigInteger.valueOf(now - 10), BigInteger.valueOf(now + 3600)).send();
        var granted = ConsentRegistry.getConsentGrantedEvents(receipt).get(0);
        assertEquals(BigInteger.ZERO, granted.consentId);
        assertArrayEquals(patient, granted.patient);
        assertArrayEquals(hospitalB, granted.grantee);
        assertEquals(OBSERVATIONS.or(LABORATORY), granted.scopes);
        assertEquals(TREAT, granted.purposes);
        assertEquals(BigInteger.valueOf(now + 3600), granted.validUntil);
        assertEquals(chain.account(0).getAddress().toLowerCase(), granted.custodian.toLowerCase());
        assertFalse(granted.patientSigned);

        assertTrue(permitted(OBSERVATIONS, TREAT, now));
        assertTrue(permitted(OBSERVATIONS.or(LABORATORY), TREAT, now));
        assertFalse(permitted(BigInteger.valueOf(1 << 11), TREAT, now), "mental health was not granted");
        assertFalse(permitted(OBSERVATIONS, RESEARCH, now), "research was not granted");
        assertFalse(permitted(OBSERVATIONS, TREAT, now + 3600), "the consent has ended");
        assertFalse(permitted(OBSERVATIONS, TREAT, now - 3600), "the consent had not started");
    }

    @Test
    void aConsentCoversOnlyItsOwnPatientAndGrantee() throws Exception {
        long now = chain.latestTimestamp();
        byte[] otherPatient = Hash.sha3(("other-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        byte[] hospitalC = Hash.sha3(("member-c-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        consents.grant(otherPatient, hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send();
        consents.grant(patient, hospitalC, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send();
        assertFalse(permitted(OBSERVATIONS, TREAT, now), "neither another patient's nor another grantee's consent");
        consents.grant(patient, hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send();
        consents.revoke(BigInteger.ONE).send();
        assertTrue(permitted(OBSERVATIONS, TREAT, now), "revoking another grantee's consent leaves this one");
        assertFalse(consents.isPermitted(patient, hospitalC, OBSERVATIONS, TREAT, BigInteger.valueOf(now)).send());
        assertTrue(consents.isPermitted(otherPatient, hospitalB, OBSERVATIONS, TREAT, BigInteger.valueOf(now))
                .send());
    }

    @Test
    void revocationIsFinalAndAFreshGrantIsNeededAgain() throws Exception {
        long now = chain.latestTimestamp();
        consents.grant(patient, hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send();
        TransactionReceipt revoked = consents.revoke(BigInteger.ZERO).send();
        var event = ConsentRegistry.getConsentRevokedEvents(revoked).get(0);
        assertArrayEquals(patient, event.patient);
        assertArrayEquals(hospitalB, event.grantee);
        assertFalse(permitted(OBSERVATIONS, TREAT, now));
        DevChain.assertReverts("ConsentRegistry: already revoked", () -> consents.revoke(BigInteger.ZERO).send());
        consents.grant(patient, hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send();
        assertTrue(permitted(OBSERVATIONS, TREAT, now));
        assertEquals(BigInteger.TWO, consents.consentCount().send());
        assertTrue(consents.consentAt(BigInteger.ZERO).send().revoked);
    }

    @Test
    void badGrantsAndOutsidersAreRefused() {
        DevChain.assertReverts("ConsentRegistry: caller is not a consortium member", () -> asOutsider.grant(patient,
                hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send());
        DevChain.assertReverts("ConsentRegistry: empty scope or purpose", () -> consents.grant(patient, hospitalB,
                BigInteger.ZERO, TREAT, BigInteger.ZERO, BigInteger.ZERO).send());
        DevChain.assertReverts("ConsentRegistry: empty patient or grantee", () -> consents.grant(new byte[32],
                hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send());
        DevChain.assertReverts("ConsentRegistry: period ends before it starts", () -> consents.grant(patient,
                hospitalB, OBSERVATIONS, TREAT, BigInteger.TEN, BigInteger.ONE).send());
        DevChain.assertReverts("ConsentRegistry: unknown consent", () -> consents.revoke(BigInteger.TEN).send());
    }

    @Test
    void theDomainSeparatorBindsChainAndContract() throws Exception {
        assertArrayEquals(domainSeparator(consents.getContractAddress()), consents.domainSeparator().send());
    }

    @Test
    void aPatientSignedGrantCannotBeReplayedForgedOrUsedLate() throws Exception {
        bindPatientKey();
        long now = chain.latestTimestamp();
        BigInteger deadline = BigInteger.valueOf(now + 600);
        byte[] signature = signGrant(patientKey, consents.getContractAddress(), OBSERVATIONS, TREAT, 1, deadline);

        TransactionReceipt receipt = consents.grantWithSignature(patient, hospitalB, OBSERVATIONS, TREAT,
                BigInteger.ZERO, BigInteger.ZERO, deadline, signature).send();
        assertTrue(ConsentRegistry.getConsentGrantedEvents(receipt).get(0).patientSigned);
        assertTrue(permitted(OBSERVATIONS, TREAT, now));
        assertEquals(BigInteger.TWO, consents.nonces(patient).send());

        DevChain.assertReverts("ConsentRegistry: invalid patient signature", () -> consents.grantWithSignature(
                patient, hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO, deadline, signature).send());
        byte[] byHospital = signGrant(chain.account(0).getEcKeyPair(), consents.getContractAddress(), RESEARCH, TREAT,
                2, deadline);
        DevChain.assertReverts("ConsentRegistry: invalid patient signature", () -> consents.grantWithSignature(
                patient, hospitalB, RESEARCH, TREAT, BigInteger.ZERO, BigInteger.ZERO, deadline, byHospital).send());
        byte[] otherContract = signGrant(patientKey, registryAddress, RESEARCH, TREAT, 2, deadline);
        DevChain.assertReverts("ConsentRegistry: invalid patient signature", () -> consents.grantWithSignature(
                patient, hospitalB, RESEARCH, TREAT, BigInteger.ZERO, BigInteger.ZERO, deadline, otherContract).send());
        BigInteger past = BigInteger.valueOf(now - 1);
        byte[] late = signGrant(patientKey, consents.getContractAddress(), RESEARCH, TREAT, 2, past);
        DevChain.assertReverts("ConsentRegistry: signature expired", () -> consents.grantWithSignature(patient,
                hospitalB, RESEARCH, TREAT, BigInteger.ZERO, BigInteger.ZERO, past, late).send());
    }

    @Test
    void aPatientSignedRevocationEndsTheConsent() throws Exception {
        bindPatientKey();
        long now = chain.latestTimestamp();
        consents.grant(patient, hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send();
        BigInteger deadline = BigInteger.valueOf(now + 600);
        byte[] structHash = Hash.sha3(concat(Hash.sha3(
                "Revoke(uint256 consentId,uint256 nonce,uint256 deadline)".getBytes(StandardCharsets.UTF_8)),
                word(BigInteger.ZERO), word(BigInteger.ONE), word(deadline)));
        byte[] signature = sign(patientKey, digest(consents.getContractAddress(), structHash));
        TransactionReceipt receipt = consents.revokeWithSignature(BigInteger.ZERO, deadline, signature).send();
        assertTrue(ConsentRegistry.getConsentRevokedEvents(receipt).get(0).patientSigned);
        assertFalse(permitted(OBSERVATIONS, TREAT, now));
    }

    @Test
    void signedConsentNeedsABoundKeyAndAKeyIsBoundOnce() throws Exception {
        BigInteger deadline = BigInteger.valueOf(chain.latestTimestamp() + 600);
        byte[] signature = signGrant(patientKey, consents.getContractAddress(), OBSERVATIONS, TREAT, 0, deadline);
        DevChain.assertReverts("ConsentRegistry: no patient key bound", () -> consents.grantWithSignature(patient,
                hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO, deadline, signature).send());
        String intruder = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
        DevChain.assertReverts("ConsentRegistry: invalid patient signature", () -> consents.bindPatientKey(patient,
                intruder, signBind(patientKey, intruder, 0)).send());
        bindPatientKey();
        String other = Keys.toChecksumAddress(Keys.getAddress(Keys.createEcKeyPair()));
        DevChain.assertReverts("ConsentRegistry: patient key already bound", () -> consents.bindPatientKey(patient,
                other, signBind(patientKey, other, 1)).send());
    }

    @Test
    void malformedMalleableAndLateSignaturesAreRefused() throws Exception {
        bindPatientKey();
        long now = chain.latestTimestamp();
        BigInteger deadline = BigInteger.valueOf(now + 600);
        DevChain.assertReverts("ConsentRegistry: malformed signature", () -> consents.grantWithSignature(patient,
                hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO, deadline, new byte[64]).send());
        byte[] good = signGrant(patientKey, consents.getContractAddress(), OBSERVATIONS, TREAT, 1, deadline);
        byte[] malleable = good.clone();
        BigInteger n = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
        byte[] highS = Numeric.toBytesPadded(n.subtract(Numeric.toBigInt(java.util.Arrays.copyOfRange(good, 32, 64))), 32);
        System.arraycopy(highS, 0, malleable, 32, 32);
        malleable[64] = (byte) (good[64] == 27 ? 28 : 27);
        DevChain.assertReverts("ConsentRegistry: malleable signature", () -> consents.grantWithSignature(patient,
                hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO, deadline, malleable).send());
        consents.grant(patient, hospitalB, OBSERVATIONS, TREAT, BigInteger.ZERO, BigInteger.ZERO).send();
        DevChain.assertReverts("ConsentRegistry: signature expired", () -> consents.revokeWithSignature(
                BigInteger.ZERO, BigInteger.valueOf(now - 1), good).send());
        DevChain.assertReverts("ConsentRegistry: empty patient or key", () -> consents.bindPatientKey(new byte[32],
                chain.account(0).getAddress(), good).send());
        DevChain.assertReverts("ConsentRegistry: empty patient or accessor", () -> consents.recordEmergencyAccess(
                patient, new byte[32], new byte[32]).send());
    }

    @Test
    void breakGlassIsAnEventOnlyMembersCanRecord() throws Exception {
        byte[] accessor = Hash.sha3("Practitioner/er-physician".getBytes(StandardCharsets.UTF_8));
        byte[] reason = Numeric.toBytesPadded(BigInteger.valueOf(0x4554524541544L), 32);
        TransactionReceipt receipt = consents.recordEmergencyAccess(patient, accessor, reason).send();
        var event = ConsentRegistry.getEmergencyAccessEvents(receipt).get(0);
        assertArrayEquals(patient, event.patient);
        assertArrayEquals(accessor, event.accessor);
        assertArrayEquals(reason, event.reasonCode);
        assertEquals(chain.account(0).getAddress().toLowerCase(), event.custodian.toLowerCase());
        DevChain.assertReverts("ConsentRegistry: caller is not a consortium member",
                () -> asOutsider.recordEmergencyAccess(patient, accessor, reason).send());
    }

    private void bindPatientKey() throws Exception {
        String key = Keys.toChecksumAddress(Keys.getAddress(patientKey));
        TransactionReceipt receipt = consents.bindPatientKey(patient, key, signBind(patientKey, key, 0)).send();
        assertEquals(key.toLowerCase(), ConsentRegistry.getPatientKeyBoundEvents(receipt).get(0).key.toLowerCase());
        assertEquals(key.toLowerCase(), consents.patientKeyOf(patient).send().toLowerCase());
    }

    private boolean permitted(BigInteger scopes, BigInteger purposes, long at) throws Exception {
        return consents.isPermitted(patient, hospitalB, scopes, purposes, BigInteger.valueOf(at)).send();
    }

    private byte[] signBind(ECKeyPair key, String address, long nonce) {
        byte[] structHash = Hash.sha3(concat(Hash.sha3(
                "BindKey(bytes32 patient,address key,uint256 nonce)".getBytes(StandardCharsets.UTF_8)),
                patient, word(Numeric.toBigInt(address)), word(BigInteger.valueOf(nonce))));
        return sign(key, digest(consents.getContractAddress(), structHash));
    }

    private byte[] signGrant(ECKeyPair key, String contract, BigInteger scopes, BigInteger purposes, long nonce,
                             BigInteger deadline) {
        byte[] structHash = Hash.sha3(concat(Hash.sha3(("Grant(bytes32 patient,bytes32 grantee,uint32 scopes,"
                        + "uint32 purposes,uint64 validFrom,uint64 validUntil,uint256 nonce,uint256 deadline)")
                        .getBytes(StandardCharsets.UTF_8)),
                patient, hospitalB, word(scopes), word(purposes), word(BigInteger.ZERO), word(BigInteger.ZERO),
                word(BigInteger.valueOf(nonce)), word(deadline)));
        return sign(key, digest(contract, structHash));
    }

    private static byte[] digest(String contract, byte[] structHash) {
        return Hash.sha3(concat(new byte[]{0x19, 0x01}, domainSeparator(contract), structHash));
    }

    private static byte[] domainSeparator(String contract) {
        return Hash.sha3(concat(Hash.sha3(("EIP712Domain(string name,string version,uint256 chainId,"
                        + "address verifyingContract)").getBytes(StandardCharsets.UTF_8)),
                Hash.sha3("MedLedger ConsentRegistry".getBytes(StandardCharsets.UTF_8)),
                Hash.sha3("1".getBytes(StandardCharsets.UTF_8)), word(BigInteger.valueOf(chain.chainId)),
                word(Numeric.toBigInt(contract))));
    }

    private static byte[] sign(ECKeyPair key, byte[] digest) {
        Sign.SignatureData signature = Sign.signMessage(digest, key, false);
        return concat(signature.getR(), signature.getS(), signature.getV());
    }

    private static byte[] word(BigInteger value) {
        return Numeric.toBytesPadded(value, 32);
    }

    private static byte[] concat(byte[]... parts) {
        return MerkleRules.concat(parts);
    }
}
