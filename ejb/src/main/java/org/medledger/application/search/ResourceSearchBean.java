package org.medledger.application.search;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medledger.application.RecordSealer;

/**
 * Translates FHIR search criteria into one query over the current-version table with one
 * {@code IN (index subquery)} per criterion; pages with offset and limit in a stable order.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ResourceSearchBean implements ResourceSearch {

    private static final List<String> PREFIXES = List.of("eq", "ne", "gt", "ge", "lt", "le", "sa", "eb", "ap");

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @Inject
    private RecordSealer sealer;

    @Override
    public SearchPage search(String resourceType, List<SearchCriterion> criteria, String sort, int offset, int count) {
        StringBuilder where = new StringBuilder("h.resourceType = :type AND h.deleted = false");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("type", resourceType);
        int n = 0;
        for (SearchCriterion criterion : criteria) {
            List<String> alternatives = new ArrayList<>();
            for (String value : criterion.values()) {
                String p = "p" + (n++);
                alternatives.add(condition(resourceType, criterion.parameter(), value, p, parameters));
            }
            where.append(" AND (").append(String.join(" OR ", alternatives)).append(")");
        }
        String order = switch (sort == null ? "" : sort) {
            case "" -> "h.headId";
            case "_lastUpdated" -> "h.lastUpdated, h.headId";
            case "-_lastUpdated" -> "h.lastUpdated DESC, h.headId DESC";
            case "_id" -> "h.resourceId";
            case "-_id" -> "h.resourceId DESC";
            default -> parameterOrder(resourceType, sort, parameters);
        };
        TypedQuery<Long> countQuery = em.createQuery("SELECT COUNT(h) FROM ResourceHead h WHERE " + where, Long.class);
        TypedQuery<String> idQuery = em.createQuery("SELECT h.resourceId FROM ResourceHead h WHERE " + where
                + " ORDER BY " + order, String.class);
        parameters.forEach((k, v) -> {
            if (!k.equals("sortParam")) {
                countQuery.setParameter(k, v);
            }
            idQuery.setParameter(k, v);
        });
        long total = countQuery.getSingleResult();
        List<String> ids = count == 0 ? List.of()
                : idQuery.setFirstResult(offset).setMaxResults(count).getResultList();
        return new SearchPage(ids, total);
    }

    /**
     * {@code _sort} by an indexed date (earliest value of the resource) or code parameter; resources without a value
     * sort last either way, ties by insertion order.
     */
    private static String parameterOrder(String type, String sort, Map<String, Object> bind) {
        boolean descending = sort.startsWith("-");
        String name = descending ? sort.substring(1) : sort;
        SearchParameterDefinition definition = SearchParameterCatalog.find(type, name).orElseThrow(() ->
                new InvalidSearchException("Cannot sort by " + name + ": " + type + " has no such search parameter"));
        String column = switch (definition.kind()) {
            case DATE -> descending ? "MAX(e.dateHigh)" : "MIN(e.dateLow)";
            case TOKEN -> descending ? "MAX(e.tokenValue)" : "MIN(e.tokenValue)";
            default -> throw new InvalidSearchException("Sorting is supported by _lastUpdated, _id, dates and codes;"
                    + " " + name + " is stored as a keyed hash or a reference and has no order");
        };
        bind.put("sortParam", name);
        String key = "(SELECT " + column + " FROM SearchIndexEntry e WHERE e.resourceType = h.resourceType"
                + " AND e.resourceId = h.resourceId AND e.paramName = :sortParam)";
        return key + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", h.headId";
    }

    @Override
    public SearchPage patientCompartment(String patientId, int offset, int count) {
        String from = " FROM SearchIndexEntry e WHERE e.paramName IN ('patient', 'subject')"
                + " AND e.tokenSystem = 'Patient' AND e.tokenValue = :id";
        long total = em.createQuery("SELECT COUNT(DISTINCT CONCAT(e.resourceType, '/', e.resourceId))" + from,
                Long.class).setParameter("id", patientId).getSingleResult();
        if (count == 0) {
            return new SearchPage(List.of(), total);
        }
        List<Object[]> rows = em.createQuery("SELECT DISTINCT e.resourceType, e.resourceId" + from
                        + " ORDER BY e.resourceType, e.resourceId", Object[].class)
                .setParameter("id", patientId).setFirstResult(offset).setMaxResults(count).getResultList();
        List<String> references = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            references.add(row[0] + "/" + row[1]);
        }
        return new SearchPage(references, total);
    }

    @Override
    public List<String> referencedBy(String resourceType, List<String> ids, String parameter, String targetType) {
        requireReferenceParameter(resourceType, parameter);
        if (ids.isEmpty()) {
            return List.of();
        }
        TypedQuery<Object[]> query = em.createQuery("SELECT DISTINCT e.tokenSystem, e.tokenValue"
                        + " FROM SearchIndexEntry e WHERE e.resourceType = :type AND e.paramName = :param"
                        + " AND e.resourceId IN :ids" + (targetType == null ? "" : " AND e.tokenSystem = :target")
                        + " ORDER BY e.tokenSystem, e.tokenValue", Object[].class)
                .setParameter("type", resourceType).setParameter("param", parameter).setParameter("ids", ids);
        if (targetType != null) {
            query.setParameter("target", targetType);
        }
        List<Object[]> rows = query.getResultList();
        List<String> targets = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row[0] != null && row[1] != null) {
                targets.add(row[0] + "/" + row[1]);
            }
        }
        return targets;
    }

    @Override
    public List<String> referencing(String sourceType, String parameter, String targetType, List<String> targetIds) {
        requireReferenceParameter(sourceType, parameter);
        if (targetIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT DISTINCT e.resourceId FROM SearchIndexEntry e WHERE e.resourceType = :type"
                        + " AND e.paramName = :param AND e.tokenSystem = :target AND e.tokenValue IN :ids"
                        + " ORDER BY e.resourceId", String.class)
                .setParameter("type", sourceType).setParameter("param", parameter).setParameter("target", targetType)
                .setParameter("ids", targetIds).getResultList()
                .stream().map(id -> sourceType + "/" + id).toList();
    }

    private static void requireReferenceParameter(String type, String parameter) {
        SearchParameterDefinition definition = SearchParameterCatalog.find(type, parameter).orElseThrow(() ->
                new InvalidSearchException(type + " has no search parameter " + parameter + " to include by"));
        if (definition.kind() != SearchParameterKind.REFERENCE) {
            throw new InvalidSearchException(type + ":" + parameter + " is not a reference parameter");
        }
    }

    private String condition(String type, String parameter, String value, String p, Map<String, Object> bind) {
        if (value.isEmpty()) {
            throw new InvalidSearchException("Parameter " + parameter + " has an empty value");
        }
        switch (parameter) {
            case "_id" -> {
                bind.put(p, value);
                return "h.resourceId = :" + p;
            }
            case "_lastUpdated" -> {
                return dateCondition("h.lastUpdated", "h.lastUpdated", dateBound(parameter, value), p, bind);
            }
            default -> {
                SearchParameterDefinition definition = SearchParameterCatalog.find(type, parameter).orElseThrow(() ->
                        new InvalidSearchException("Unknown search parameter '" + parameter + "' for " + type
                                + "; the CapabilityStatement lists the supported ones"));
                bind.put(p + "name", parameter);
                return "h.resourceId IN (SELECT e.resourceId FROM SearchIndexEntry e WHERE e.resourceType = :type "
                        + "AND e.paramName = :" + p + "name AND " + indexCondition(type, definition, value, p, bind) + ")";
            }
        }
    }

    private String indexCondition(String type, SearchParameterDefinition definition, String value, String p,
                                  Map<String, Object> bind) {
        switch (definition.kind()) {
            case TOKEN -> {
                int bar = value.indexOf('|');
                if (bar < 0) {
                    bind.put(p, value);
                    return "e.tokenValue = :" + p;
                }
                String system = value.substring(0, bar);
                bind.put(p, value.substring(bar + 1));
                if (system.isEmpty()) {
                    return "e.tokenValue = :" + p + " AND e.tokenSystem IS NULL";
                }
                bind.put(p + "s", system);
                return "e.tokenValue = :" + p + " AND e.tokenSystem = :" + p + "s";
            }
            case REFERENCE -> {
                if (value.contains("/")) {
                    String reference = SearchIndexExtractor.referenceOf(
                            com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
                    if (reference == null) {
                        throw new InvalidSearchException("Parameter " + definition.name() + ": '" + value
                                + "' is not a reference of the form Type/id");
                    }
                    int slash = reference.indexOf('/');
                    bind.put(p, reference.substring(slash + 1));
                    bind.put(p + "s", reference.substring(0, slash));
                    return "e.tokenValue = :" + p + " AND e.tokenSystem = :" + p + "s";
                }
                bind.put(p, value);
                return "e.tokenValue = :" + p;
            }
            case NAME -> {
                bind.put(p, extractor().blindName(value));
                return "e.tokenValue = :" + p;
            }
            case IDENTIFIER -> {
                int bar = value.indexOf('|');
                if (bar < 0) {
                    bind.put(p, extractor().blindIdentifier("", value));
                    return "e.tokenValue = :" + p + " AND e.tokenSystem IS NULL";
                }
                String system = value.substring(0, bar);
                bind.put(p, extractor().blindIdentifier(system, value.substring(bar + 1)));
                bind.put(p + "s", system);
                return "e.tokenValue = :" + p + " AND e.tokenSystem = :" + p + "s";
            }
            case DATE -> {
                return dateCondition("e.dateLow", "e.dateHigh", dateBound(definition.name(), value), p, bind);
            }
            default -> throw new InvalidSearchException("Unsupported parameter kind");
        }
    }

    private record DateBound(String prefix, Instant low, Instant high) {
    }

    /**
     * FHIR date comparison of a target range [low, high) with the search value's range, binding only
     * the bounds the chosen prefix needs.
     */
    private static String dateCondition(String low, String high, DateBound bound, String p,
                                        Map<String, Object> bind) {
        String lo = ":" + p + "lo";
        String hi = ":" + p + "hi";
        switch (bound.prefix()) {
            case "eq" -> {
                bind.put(p + "lo", bound.low());
                bind.put(p + "hi", bound.high());
                return "(" + low + " >= " + lo + " AND " + high + " <= " + hi + ")";
            }
            case "ne" -> {
                bind.put(p + "lo", bound.low());
                bind.put(p + "hi", bound.high());
                return "(" + low + " < " + lo + " OR " + high + " > " + hi + ")";
            }
            case "gt", "sa" -> {
                bind.put(p + "hi", bound.high());
                return high + " > " + hi;
            }
            case "ge" -> {
                bind.put(p + "lo", bound.low());
                return high + " > " + lo;
            }
            case "lt", "eb" -> {
                bind.put(p + "lo", bound.low());
                return low + " < " + lo;
            }
            case "le" -> {
                bind.put(p + "hi", bound.high());
                return low + " < " + hi;
            }
            default -> throw new InvalidSearchException("Date prefix " + bound.prefix() + " is not supported");
        }
    }

    private static DateBound dateBound(String parameter, String value) {
        String prefix = "eq";
        String date = value;
        if (value.length() > 2 && PREFIXES.contains(value.substring(0, 2))) {
            prefix = value.substring(0, 2);
            date = value.substring(2);
        }
        Instant[] range = SearchIndexExtractor.parseRange(date);
        if (range == null) {
            throw new InvalidSearchException("Parameter " + parameter + ": '" + date
                    + "' is not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time with zone)");
        }
        return new DateBound(prefix, range[0], range[1]);
    }

    private SearchIndexExtractor extractor() {
        return sealer.searchIndexExtractor();
    }
}
