package org.medledger.besunetwork;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/** A Besu node's secp256k1 key: the node key file, its public key, account address and enode id. */
public record NodeKey(ECKeyPair keyPair) {

    public static NodeKey generate() {
        try {
            return new NodeKey(Keys.createEcKeyPair());
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException | NoSuchProviderException e) {
            throw new IllegalStateException("secp256k1 key generation unavailable", e);
        }
    }

    public static NodeKey fromPrivateKey(String hex) {
        return new NodeKey(ECKeyPair.create(Numeric.toBigInt(hex.strip())));
    }

    /** Content of the {@code key} file as Besu writes it: 0x + 64 hex digits. */
    public String privateKeyHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(keyPair.getPrivateKey(), 64);
    }

    /** Content of {@code key.pub}: 0x + 128 hex digits (uncompressed point without the 04 prefix). */
    public String publicKeyHex() {
        return Numeric.toHexStringWithPrefixZeroPadded(keyPair.getPublicKey(), 128);
    }

    /** Account and validator address: last 20 bytes of keccak256(public key), lower-case. */
    public String address() {
        return "0x" + Keys.getAddress(keyPair.getPublicKey());
    }

    /** Enode id: the public key without 0x. */
    public String enodeId() {
        return publicKeyHex().substring(2);
    }

    public String enodeUrl(String host, int p2pPort) {
        return "enode://" + enodeId() + "@" + host + ":" + p2pPort;
    }
}
