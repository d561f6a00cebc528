package org.medledger.interfaces.fhir;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import org.hl7.fhir.instance.model.api.IAnyResource;
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
    private final List<Inclusion> inclusions;
    private final Function<String, IBaseResource> byReference;
    private Integer total;

    /**
     * @param reader      reads a matching resource by id
     * @param byReference reads an included resource by {@code Type/id}
     */
    SearchResults(ResourceSearch search, String resourceType, List<SearchCriterion> criteria, String sort,
                  List<Inclusion> inclusions, Function<String, IBaseResource> reader,
                  Function<String, IBaseResource> byReference) {
        super(reader);
        this.inclusions = List.copyOf(inclusions);
        this.byReference = byReference;
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
        include(resources, page.ids());
        return resources;
    }

    /** Appends this page's included resources, each once, marked as search mode "include". */
    private void include(List<IBaseResource> resources, List<String> ids) {
        Set<String> seen = new HashSet<>();
        ids.forEach(id -> seen.add(resourceType + "/" + id));
        for (Inclusion inclusion : inclusions) {
            List<String> keys = inclusion.reverse()
                    ? search.referencing(inclusion.sourceType(), inclusion.parameter(), resourceType, ids)
                    : search.referencedBy(resourceType, ids, inclusion.parameter(), inclusion.targetType());
            for (String key : keys) {
                if (seen.add(key)) {
                    IBaseResource included = byReference.apply(key);
                    if (included instanceof IAnyResource resource) {
                        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(resource, BundleEntrySearchModeEnum.INCLUDE);
                        resources.add(resource);
                    }
                }
            }
        }
    }

    @Override
    public Integer size() {
        if (total == null) {
            total = (int) search.search(resourceType, criteria, sort, 0, 0).total();
        }
        return total;
    }
}
