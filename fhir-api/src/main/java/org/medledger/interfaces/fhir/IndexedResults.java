package org.medledger.interfaces.fhir;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A result HAPI pages through where each page is one index query for that page's keys followed by a read of just
 * those resources, so a result of any size never sits in memory. Subclasses say how a page's keys are found.
 */
abstract class IndexedResults extends PagedResults {

    private final Function<String, IBaseResource> reader;

    /** @param reader reads one resource by its key; null when it is gone since the index query */
    IndexedResults(Function<String, IBaseResource> reader) {
        this.reader = reader;
    }

    /** Reads the resources of one page's keys, in order, into {@code into}, marked as search mode "match". */
    final void readInto(List<IBaseResource> into, List<String> keys) {
        for (String key : keys) {
            IBaseResource resource = reader.apply(key);
            if (resource instanceof IAnyResource match) {
                ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(match, BundleEntrySearchModeEnum.MATCH);
                into.add(match);
            }
        }
    }
}
