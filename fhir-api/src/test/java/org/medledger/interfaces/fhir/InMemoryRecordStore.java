package org.medledger.interfaces.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.medledger.application.HistoryPage;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.UnitOfWork;
import org.medledger.application.VerificationReport;
import org.medledger.application.VersionConflictException;
import org.medledger.application.WorkRolledBackException;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.application.search.SearchPage;

/**
 * Versions kept in a map, so the fuzzer can run {@link BundleProcessor} in process, where coverage guidance works.
 * It is not the server's store (that one, encrypted and anchored, is exercised over HTTP by {@code HostileInputIT}):
 * it keeps only what decides a bundle's outcome, the id rule of {@code RecordServiceBean}, version checks, the
 * canonical form every write is stored in, and all-or-nothing units of work. Searches match nothing (there is no
 * index), so conditional entries take their "no match" branch.
 */
final class InMemoryRecordStore implements RecordService, UnitOfWork, ResourceSearch {

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private Map<String, List<StoredResource>> versions = new HashMap<>();

    @Override
    public synchronized StoredResource create(String resourceType, String json) {
        return update(resourceType, UUID.randomUUID().toString(), json, null);
    }

    @Override
    public synchronized StoredResource update(String resourceType, String id, String json, Integer expectedVersion) {
        requireValidId(id);
        List<StoredResource> history = versions.computeIfAbsent(resourceType + "/" + id, k -> new ArrayList<>());
        int current = history.size();
        if (expectedVersion != null && expectedVersion != current) {
            throw new VersionConflictException(resourceType + "/" + id, expectedVersion, current);
        }
        byte[] canonical = ServerInputPath.stored(json);
        StoredResource stored = new StoredResource(resourceType, id, current + 1, Instant.now(), false,
                new String(canonical, StandardCharsets.UTF_8));
        history.add(stored);
        return stored;
    }

    @Override
    public synchronized StoredResource delete(String resourceType, String id) {
        requireValidId(id);
        List<StoredResource> history = versions.computeIfAbsent(resourceType + "/" + id, k -> new ArrayList<>());
        StoredResource stored = new StoredResource(resourceType, id, history.size() + 1, Instant.now(), true,
                "{\"resourceType\":\"" + resourceType + "\",\"id\":\"" + id + "\"}");
        history.add(stored);
        return stored;
    }

    @Override
    public synchronized Optional<StoredResource> read(String resourceType, String id) {
        List<StoredResource> history = versions.get(resourceType + "/" + id);
        return history == null || history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    @Override
    public synchronized Optional<StoredResource> readVersion(String resourceType, String id, int version) {
        List<StoredResource> history = versions.get(resourceType + "/" + id);
        return history == null || version < 1 || version > history.size() ? Optional.empty()
                : Optional.of(history.get(version - 1));
    }

    @Override
    public synchronized List<StoredResource> history(String resourceType, String id) {
        return List.copyOf(versions.getOrDefault(resourceType + "/" + id, List.of()));
    }

    @Override
    public HistoryPage history(String resourceType, String id, Instant since, int offset, int count) {
        throw new UnsupportedOperationException("bundles do not page history");
    }

    @Override
    public int erase(String resourceType, String id, String reason) {
        throw new UnsupportedOperationException("bundles do not erase");
    }

    @Override
    public VerificationReport verify(String resourceType, String id, Integer version) {
        throw new UnsupportedOperationException("bundles do not verify");
    }

    @Override
    public synchronized <T> T inOneTransaction(Supplier<T> work) {
        Map<String, List<StoredResource>> before = new HashMap<>();
        versions.forEach((key, history) -> before.put(key, new ArrayList<>(history)));
        try {
            return work.get();
        } catch (RuntimeException e) {
            versions = before;
            throw new WorkRolledBackException(e);
        }
    }

    @Override
    public void checkpoint() {
    }

    @Override
    public SearchPage search(String resourceType, List<SearchCriterion> criteria, String sort, int offset, int count) {
        return new SearchPage(List.of(), 0);
    }

    @Override
    public SearchPage patientCompartment(String patientId, int offset, int count) {
        return new SearchPage(List.of(), 0);
    }

    @Override
    public List<String> referencedBy(String resourceType, List<String> ids, String parameter, String targetType) {
        return List.of();
    }

    @Override
    public List<String> referencing(String sourceType, String parameter, String targetType, List<String> targetIds) {
        return List.of();
    }

    synchronized int versionCount() {
        return versions.values().stream().mapToInt(List::size).sum();
    }

    private static void requireValidId(String id) {
        if (id == null || !FHIR_ID.matcher(id).matches()) {
            throw new InvalidRecordException("A FHIR id is 1 to 64 characters of A-Z, a-z, 0-9, '-' and '.'");
        }
    }
}
