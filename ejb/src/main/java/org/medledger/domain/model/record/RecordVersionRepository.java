package org.medledger.domain.model.record;

import java.util.List;
import java.util.Optional;

/** Stored versions of FHIR resources. */
public interface RecordVersionRepository {

    RecordVersion store(RecordVersion version);

    Optional<RecordVersion> latest(String resourceType, String resourceId);

    Optional<RecordVersion> version(String resourceType, String resourceId, int versionNumber);

    List<RecordVersion> history(String resourceType, String resourceId);

    /** Number of resources of a type whose latest version is not deleted. */
    long countLive(String resourceType);
}
