package org.medledger.application;

import java.time.Instant;

/** A decrypted FHIR resource version as handed to the interfaces: canonical JSON plus its coordinates. */
public record StoredResource(String resourceType, String id, int version, Instant lastUpdated,
                             boolean deleted, String json) {
}
