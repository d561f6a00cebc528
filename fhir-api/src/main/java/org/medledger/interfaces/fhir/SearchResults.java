package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.application.search.SearchPage;

/**
 * A search result HAPI pages through: each page is one indexed query for that page's ids, then a
 * read of just those resources, so a result of any size never sits in memory.
 */
final class SearchResults implements IBundleProvider {

    private final ResourceSearch search;
    private final String resourceType;
    private final List<SearchCriterion> criteria;
    private final String sort;
    private final Function<String, IBaseResource> reader;
    private final String uuid = UUID.randomUUID().toString();
    private final Date published = new Date();
    private Integer total;

    SearchResults(ResourceSearch search, String resourceType, List<SearchCriterion> criteria, String sort,
                  Function<String, IBaseResource> reader) {
        this.search = search;
        this.resourceType = resourceType;
        this.criteria = List.copyOf(criteria);
        this.sort = sort;
        this.reader = reader;
    }

    @Override
    public IPrimitiveType<Date> getPublished() {
        return new org.hl7.fhir.r4.model.InstantType(published);
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        SearchPage page = search.search(resourceType, criteria, sort, fromIndex, Math.max(0, toIndex - fromIndex));
        total = (int) page.total();
        List<IBaseResource> resources = new ArrayList<>(page.ids().size());
        for (String id : page.ids()) {
            IBaseResource resource = reader.apply(id);
            if (resource != null) {
                resources.add(resource);
            }
        }
        return resources;
    }

    @Override
    public String getUuid() {
        return uuid;
    }

    @Override
    public Integer preferredPageSize() {
        return null;
    }

    @Override
    public Integer size() {
        if (total == null) {
            total = (int) search.search(resourceType, criteria, sort, 0, 0).total();
        }
        return total;
    }
}
