package org.medledger.application.search;

import java.util.List;

/** Finds the current versions of resources of one type by their indexed search parameters. */
public interface ResourceSearch {

    /**
     * @param sort {@code _lastUpdated}, {@code -_lastUpdated}, {@code _id} or null (insertion order)
     */
    SearchPage search(String resourceType, List<SearchCriterion> criteria, String sort, int offset, int count);
}
