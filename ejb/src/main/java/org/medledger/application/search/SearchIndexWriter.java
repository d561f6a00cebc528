package org.medledger.application.search;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import org.medledger.application.RecordSealer;
import org.medledger.domain.model.search.ResourceHead;
import org.medledger.domain.model.search.SearchIndexEntry;

/** Keeps the current-version table and the search index in step with each write, in the writer's transaction. */
@ApplicationScoped
public class SearchIndexWriter {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Inject
    private RecordSealer sealer;

    public void indexVersion(String type, String id, int version, boolean deleted, Instant lastUpdated,
                             JsonNode resource) {
        ResourceHead head = em.find(ResourceHead.class, new ResourceHead.Key(type, id), LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            head = new ResourceHead(type, id);
            head.moveTo(version, deleted, lastUpdated);
            em.persist(head);
        } else {
            head.moveTo(version, deleted, lastUpdated);
        }
        removeEntries(type, id);
        if (!deleted) {
            for (SearchIndexEntry entry : sealer.searchIndexExtractor().extract(type, id, resource)) {
                em.persist(entry);
            }
        }
    }

    /** Erasure: the resource leaves every search and its blind-indexed values are dropped. */
    public void forget(String type, String id, Instant at) {
        ResourceHead head = em.find(ResourceHead.class, new ResourceHead.Key(type, id));
        if (head != null) {
            head.moveTo(head.getVersionNumber(), true, at);
        }
        removeEntries(type, id);
    }

    private void removeEntries(String type, String id) {
        em.createQuery("DELETE FROM SearchIndexEntry e WHERE e.resourceType = :type AND e.resourceId = :id")
                .setParameter("type", type)
                .setParameter("id", id)
                .executeUpdate();
    }
}
