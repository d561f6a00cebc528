package org.medledger.infrastructure.crypto;

/**
 * The input is not JSON that can be canonicalized (syntax error, duplicate member name, lone surrogate,
 * non-finite number). Messages name the problem and its position, never the payload's content.
 */
public class CanonicalizationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CanonicalizationException(String message) {
        super(message);
    }
}
