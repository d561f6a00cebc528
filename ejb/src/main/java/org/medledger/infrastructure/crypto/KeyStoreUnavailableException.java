package org.medledger.infrastructure.crypto;

/**
 * The key store cannot be read or written (wrong password, corrupted file, I/O failure). Messages name the file,
 * never a password or key.
 */
public class KeyStoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
