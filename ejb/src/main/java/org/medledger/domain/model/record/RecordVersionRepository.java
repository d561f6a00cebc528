package org.medledger.domain.model.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored versions of FHIR resources. */
public interface RecordVersionRepository {

    RecordVersion store(RecordVersion version);

    Optional<RecordVersion> latest(String resourceType, String resourceId);

    Optional<RecordVersion> version(String resourceType, String resourceId, int versionNumber);

    List<RecordVersion> history(String resourceType, String resourceId);

    /**
     * A page of versions of one resource ({@code resourceId} given) or of a whole type (null), newest first,
     * optionally only those updated at or after {@code since}.
     */
    List<RecordVersion> historyPage(String resourceType, String resourceId, Instant since, int offset, int count);

    long countHistory(String resourceType, String resourceId, Instant since);

    /** Ids of versions, in id order after {@code afterId}, whose data key is wrapped under another KEK. */
    List<Long> wrappedUnderOtherThan(String kekVersion, long afterId, int limit);

    /** Number of versions (not erased) whose data key is wrapped under the given KEK version. */
    long countWrappedUnder(String kekVersion);

    /** A page of version ids in id order, for sweeps. */
    List<Long> idsAfter(long afterId, int limit);

    Optional<RecordVersion> byId(Long id);

    long countAll();

    /** Versions that still have a data key. */
    long countNotErased();

    /** Number of versions, of every type, written at or after {@code since}. */
    long countSince(Instant since);

    /** Number of resources of a type whose latest version is not deleted. */
    long countLive(String resourceType);
}
