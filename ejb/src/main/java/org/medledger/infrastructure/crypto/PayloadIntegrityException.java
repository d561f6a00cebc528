package org.medledger.infrastructure.crypto;

/**
 * A sealed payload failed authentication: its ciphertext, nonce, tag or associated data was altered, or its data
 * key could not be unwrapped with the key-encryption key given. Messages never carry payload content or key bytes.
 */
public class PayloadIntegrityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadIntegrityException(String message) {
        super(message);
    }
}
