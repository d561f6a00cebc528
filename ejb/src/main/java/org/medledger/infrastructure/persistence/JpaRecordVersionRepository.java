package org.medledger.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.medledger.domain.model.record.RecordVersion;
import org.medledger.domain.model.record.RecordVersionRepository;

@ApplicationScoped
public class JpaRecordVersionRepository implements RecordVersionRepository {

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Override
    public RecordVersion store(RecordVersion version) {
        em.persist(version);
        em.flush();
        return version;
    }

    @Override
    public Optional<RecordVersion> latest(String resourceType, String resourceId) {
        return em.createQuery("SELECT v FROM RecordVersion v WHERE v.resourceType = :type AND v.resourceId = :id "
                        + "ORDER BY v.versionNumber DESC", RecordVersion.class)
                .setParameter("type", resourceType)
                .setParameter("id", resourceId)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<RecordVersion> version(String resourceType, String resourceId, int versionNumber) {
        return em.createQuery("SELECT v FROM RecordVersion v WHERE v.resourceType = :type AND v.resourceId = :id "
                        + "AND v.versionNumber = :version", RecordVersion.class)
                .setParameter("type", resourceType)
                .setParameter("id", resourceId)
                .setParameter("version", versionNumber)
                .getResultStream().findFirst();
    }

    @Override
    public List<RecordVersion> historyPage(String resourceType, String resourceId, Instant since, int offset,
                                           int count) {
        TypedQuery<RecordVersion> query = em.createQuery("SELECT v FROM RecordVersion v WHERE "
                + historyWhere(resourceId, since) + " ORDER BY v.lastUpdated DESC, v.id DESC", RecordVersion.class);
        bindHistory(query, resourceType, resourceId, since);
        return query.setFirstResult(offset).setMaxResults(count).getResultList();
    }

    @Override
    public long countHistory(String resourceType, String resourceId, Instant since) {
        TypedQuery<Long> query = em.createQuery("SELECT COUNT(v) FROM RecordVersion v WHERE "
                + historyWhere(resourceId, since), Long.class);
        bindHistory(query, resourceType, resourceId, since);
        return query.getSingleResult();
    }

    private static String historyWhere(String resourceId, Instant since) {
        return "v.resourceType = :type" + (resourceId == null ? "" : " AND v.resourceId = :id")
                + (since == null ? "" : " AND v.lastUpdated >= :since");
    }

    private static void bindHistory(TypedQuery<?> query, String resourceType, String resourceId, Instant since) {
        query.setParameter("type", resourceType);
        if (resourceId != null) {
            query.setParameter("id", resourceId);
        }
        if (since != null) {
            query.setParameter("since", since);
        }
    }

    @Override
    public List<RecordVersion> history(String resourceType, String resourceId) {
        return em.createQuery("SELECT v FROM RecordVersion v WHERE v.resourceType = :type AND v.resourceId = :id "
                        + "ORDER BY v.versionNumber DESC", RecordVersion.class)
                .setParameter("type", resourceType)
                .setParameter("id", resourceId)
                .getResultList();
    }

    @Override
    public List<Long> wrappedUnderOtherThan(String kekVersion, long afterId, int limit) {
        return em.createQuery("SELECT v.id FROM RecordVersion v WHERE v.kekVersion <> :kek AND v.erasedAt IS NULL "
                        + "AND v.id > :after ORDER BY v.id", Long.class)
                .setParameter("kek", kekVersion)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public long countWrappedUnder(String kekVersion) {
        return em.createQuery("SELECT COUNT(v) FROM RecordVersion v WHERE v.kekVersion = :kek AND v.erasedAt IS NULL",
                        Long.class)
                .setParameter("kek", kekVersion)
                .getSingleResult();
    }

    @Override
    public List<Long> idsAfter(long afterId, int limit) {
        return em.createQuery("SELECT v.id FROM RecordVersion v WHERE v.id > :after ORDER BY v.id", Long.class)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    @Override
    public Optional<RecordVersion> byId(Long id) {
        return Optional.ofNullable(em.find(RecordVersion.class, id));
    }

    @Override
    public long countNotErased() {
        return em.createQuery("SELECT COUNT(v) FROM RecordVersion v WHERE v.erasedAt IS NULL", Long.class)
                .getSingleResult();
    }

    @Override
    public long countAll() {
        return em.createQuery("SELECT COUNT(v) FROM RecordVersion v", Long.class).getSingleResult();
    }

    @Override
    public long countSince(Instant since) {
        return em.createQuery("SELECT COUNT(v) FROM RecordVersion v WHERE v.lastUpdated >= :since", Long.class)
                .setParameter("since", since).getSingleResult();
    }

    @Override
    public long countLive(String resourceType) {
        return em.createQuery("SELECT COUNT(v) FROM RecordVersion v WHERE v.resourceType = :type "
                        + "AND v.deleted = false AND v.versionNumber = (SELECT MAX(w.versionNumber) FROM RecordVersion w "
                        + "WHERE w.resourceType = v.resourceType AND w.resourceId = v.resourceId)", Long.class)
                .setParameter("type", resourceType)
                .getSingleResult();
    }
}
