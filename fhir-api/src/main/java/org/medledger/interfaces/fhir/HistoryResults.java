package org.medledger.interfaces.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.medledger.application.HistoryPage;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;

/** Instance or type history, newest first, one database page per bundle page. */
final class HistoryResults extends PagedResults {

    private final RecordService records;
    private final String resourceType;
    private final String id;
    private final Instant since;
    private final Function<StoredResource, IBaseResource> toResource;
    private Integer total;

    /** @param id the resource's id, or null for the whole type */
    HistoryResults(RecordService records, String resourceType, String id, Instant since,
                   Function<StoredResource, IBaseResource> toResource) {
        this.records = records;
        this.resourceType = resourceType;
        this.id = id;
        this.since = since;
        this.toResource = toResource;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        HistoryPage page = records.history(resourceType, id, since, fromIndex, Math.max(0, toIndex - fromIndex));
        total = (int) page.total();
        List<IBaseResource> resources = new ArrayList<>(page.versions().size());
        for (StoredResource version : page.versions()) {
            resources.add(toResource.apply(version));
        }
        return resources;
    }

    @Override
    public Integer size() {
        if (total == null) {
            total = (int) records.history(resourceType, id, since, 0, 0).total();
        }
        return total;
    }
}
