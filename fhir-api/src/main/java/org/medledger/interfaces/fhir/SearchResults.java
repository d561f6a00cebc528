package org.medledger.interfaces.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.application.search.SearchPage;

/**
 * A search result HAPI pages through: each page is one indexed query for that page's ids, then a
 * read of just those resources, so a result of any size never sits in memory.
 */
final class SearchResults extends IndexedResults {

    private final ResourceSearch search;
    private final String resourceType;
    private final List<SearchCriterion> criteria;
    private final String sort;
    private Integer total;

    SearchResults(ResourceSearch search, String resourceType, List<SearchCriterion> criteria, String sort,
                  Function<String, IBaseResource> reader) {
        super(reader);
        this.search = search;
        this.resourceType = resourceType;
        this.criteria = List.copyOf(criteria);
        this.sort = sort;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        SearchPage page = search.search(resourceType, criteria, sort, fromIndex, Math.max(0, toIndex - fromIndex));
        total = (int) page.total();
        List<IBaseResource> resources = new ArrayList<>(page.ids().size());
        readInto(resources, page.ids());
        return resources;
    }

    @Override
    public Integer size() {
        if (total == null) {
            total = (int) search.search(resourceType, criteria, sort, 0, 0).total();
        }
        return total;
    }
}
