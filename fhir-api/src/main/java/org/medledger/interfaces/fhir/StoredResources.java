package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.medledger.application.StoredResource;

/** Turns stored versions into HAPI resources with their id, version and last-updated time. */
final class StoredResources {

    private StoredResources() {
    }

    static IBaseResource toResource(FhirContext fhir, StoredResource stored) {
        Class<? extends IBaseResource> type = fhir.getResourceDefinition(stored.resourceType()).getImplementingClass();
        IBaseResource resource = fhir.newJsonParser().parseResource(type, stored.json());
        resource.setId(new IdType(stored.resourceType(), stored.id(), Integer.toString(stored.version())));
        resource.getMeta().setLastUpdated(Date.from(stored.lastUpdated()));
        return resource;
    }
}
