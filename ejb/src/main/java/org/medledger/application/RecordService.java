package org.medledger.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores and reads FHIR resource versions. Every write is canonicalized, hashed, encrypted and
 * queued for anchoring in one transaction; reads decrypt and check the content against its hash.
 */
public interface RecordService {

    /** Stores version 1 of a new resource under a server-assigned id. */
    StoredResource create(String resourceType, String json);

    /**
     * Stores the next version of a resource (or version 1 of a client-chosen id).
     *
     * @param expectedVersion when non-null, the version the client last saw; a different current
     *                        version raises {@link VersionConflictException}
     */
    StoredResource update(String resourceType, String id, String json, Integer expectedVersion);

    /** Stores a deletion marker as the next version; the history stays and is anchored. */
    StoredResource delete(String resourceType, String id);

    Optional<StoredResource> read(String resourceType, String id);

    Optional<StoredResource> readVersion(String resourceType, String id, int version);

    List<StoredResource> history(String resourceType, String id);

    /**
     * One page of history, newest first: of one resource ({@code id} given) or of a whole type ({@code id} null),
     * optionally since a time. Erased versions are left out of the page (their content is gone).
     */
    HistoryPage history(String resourceType, String id, Instant since, int offset, int count);

    /**
     * Erasure request: crypto-shreds every version of the resource (their data keys are destroyed, their
     * hashes stay verifiable) and records the erasure as an anchored AuditEvent.
     *
     * @return the number of versions erased
     */
    int erase(String resourceType, String id, String reason);

    /** Verifies one version (the latest when {@code version} is null) against the chain. */
    VerificationReport verify(String resourceType, String id, Integer version);
}
