package org.medledger.infrastructure.crypto;

import java.util.List;
import java.util.Optional;

/**
 * The hospital's key-encryption keys, by version: the seam where a PKCS#11/HSM store can replace the default
 * PKCS#12 file ({@link Pkcs12KeyEncryptionKeys}). Implementations are thread-safe.
 */
public interface KeyEncryptionKeys {

    /** The KEK new writes use; the first call on an empty store creates version {@code v1}. */
    Kek current();

    /** A KEK by the version stored beside a wrapped data key; empty when the store has no such version. */
    Optional<Kek> byVersion(String version);

    /** Creates a new KEK version, makes it current and returns it; older versions stay readable. */
    Kek rotate();

    /**
     * Destroys an old KEK version once nothing is wrapped under it any more; the current version can't be
     * retired. Whatever is still wrapped under a retired version is unreadable for good.
     */
    void retire(String version);

    /** Every version held, oldest first. */
    List<String> versions();
}
