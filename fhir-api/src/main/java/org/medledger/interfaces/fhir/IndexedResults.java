package org.medledger.interfaces.fhir;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;

/**
 * A result HAPI pages through where each page is one index query for that page's keys followed by a read of just
 * those resources, so a result of any size never sits in memory. Subclasses say how a page's keys are found.
 */
abstract class IndexedResults implements IBundleProvider {

    private final String uuid = UUID.randomUUID().toString();
    private final Date published = new Date();
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

    @Override
    public IPrimitiveType<Date> getPublished() {
        return new InstantType(published);
    }

    @Override
    public String getUuid() {
        return uuid;
    }

    @Override
    public Integer preferredPageSize() {
        return null;
    }
}
