package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;

/** Turns stored versions into HAPI resources with their id, version and last-updated time. */
final class StoredResources {

    private StoredResources() {
    }

    /** Reads {@code Type/id} keys: the current version, or null when it is missing or deleted. */
    static Function<String, IBaseResource> byReference(FhirContext fhir, RecordService records) {
        return reference -> {
            int slash = reference.indexOf('/');
            return records.read(reference.substring(0, slash), reference.substring(slash + 1))
                    .filter(stored -> !stored.deleted())
                    .map(stored -> toResource(fhir, stored))
                    .orElse(null);
        };
    }

    static IBaseResource toResource(FhirContext fhir, StoredResource stored) {
        Class<? extends IBaseResource> type = fhir.getResourceDefinition(stored.resourceType()).getImplementingClass();
        IBaseResource resource = fhir.newJsonParser().parseResource(type, stored.json());
        resource.setId(new IdType(stored.resourceType(), stored.id(), Integer.toString(stored.version())));
        resource.getMeta().setLastUpdated(Date.from(stored.lastUpdated()));
        return resource;
    }
}
