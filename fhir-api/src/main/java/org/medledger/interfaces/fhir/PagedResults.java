package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.InstantType;

/** A result HAPI pages through, fetched page by page from the database and never held whole in memory. */
abstract class PagedResults implements IBundleProvider {

    private final String uuid = UUID.randomUUID().toString();
    private final Date published = new Date();

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
