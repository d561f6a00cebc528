package org.medledger.application.search;

import java.util.List;

/** Finds the current versions of resources of one type by their indexed search parameters. */
public interface ResourceSearch {

    /**
     * @param sort {@code _lastUpdated}, {@code -_lastUpdated}, {@code _id} or null (insertion order)
     */
    SearchPage search(String resourceType, List<SearchCriterion> criteria, String sort, int offset, int count);

    /**
     * The resources of one patient's compartment as far as the index knows it: every current resource whose
     * {@code patient} or {@code subject} parameter refers to {@code Patient/patientId}, as {@code Type/id}, ordered
     * by type and id (the Patient itself is not included).
     */
    SearchPage patientCompartment(String patientId, int offset, int count);

    /**
     * {@code _include}: the targets ({@code Type/id}) that the given resources refer to through a reference parameter,
     * optionally only those of {@code targetType} (null for any).
     */
    List<String> referencedBy(String resourceType, List<String> ids, String parameter, String targetType);

    /**
     * {@code _revinclude}: the current resources of {@code sourceType} ({@code Type/id}) whose reference parameter
     * points at one of the given resources.
     */
    List<String> referencing(String sourceType, String parameter, String targetType, List<String> targetIds);
}
