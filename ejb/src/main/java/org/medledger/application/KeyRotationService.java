package org.medledger.application;

/** Key-encryption-key rotation: new writes use the new key at once; old data keys are re-wrapped in the background. */
public interface KeyRotationService {

    /** Creates the next KEK version and starts re-wrapping every data key under it. */
    KeyRotationStatus rotate();

    KeyRotationStatus status();
}
