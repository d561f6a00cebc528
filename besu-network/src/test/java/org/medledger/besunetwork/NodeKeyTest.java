package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class NodeKeyTest {

    /** Hardhat's default account 0 (mnemonic "test test ... junk", m/44'/60'/0'/0/0). */
    static final String HARDHAT_0_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    static final String HARDHAT_0_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    @Test
    void addressOfHardhatAccountZeroMatchesTheWellKnownAddress() {
        assertEquals(HARDHAT_0_ADDRESS, NodeKey.fromPrivateKey(HARDHAT_0_KEY).address());
    }

    @Test
    void addressIsLastTwentyBytesOfKeccakOfPublicKey() {
        NodeKey key = NodeKey.generate();
        byte[] hash = Hash.sha3(Numeric.hexStringToByteArray(key.publicKeyHex()));
        assertEquals(Numeric.toHexString(hash).substring(2 + 24), key.address().substring(2));
    }

    @Test
    void keyFilesAreWrittenAsBesuWritesThem() {
        NodeKey key = NodeKey.generate();
        assertTrue(key.privateKeyHex().matches("0x[0-9a-f]{64}"), key.privateKeyHex());
        assertTrue(key.publicKeyHex().matches("0x[0-9a-f]{128}"), key.publicKeyHex());
        assertEquals(key.publicKeyHex(), NodeKey.fromPrivateKey(key.privateKeyHex()).publicKeyHex());
    }

    @Test
    void enodeUrlCarriesThePublicKeyHostAndPort() {
        NodeKey key = NodeKey.fromPrivateKey(HARDHAT_0_KEY);
        assertEquals("enode://" + key.publicKeyHex().substring(2) + "@10.0.0.5:30303",
                key.enodeUrl("10.0.0.5", 30303));
    }
}
