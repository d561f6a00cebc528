package org.medledger.interfaces.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchPage;

/** {@code $everything} paged: position 0 is the patient, then its compartment in type and id order. */
final class CompartmentResults extends IndexedResults {

    private final ResourceSearch search;
    private final String patientId;
    private final IBaseResource patient;
    private Integer size;

    CompartmentResults(ResourceSearch search, String patientId, IBaseResource patient,
                       Function<String, IBaseResource> reader) {
        super(reader);
        this.search = search;
        this.patientId = patientId;
        this.patient = patient;
    }

    @Override
    public List<IBaseResource> getResources(int fromIndex, int toIndex) {
        List<IBaseResource> resources = new ArrayList<>();
        int from = fromIndex;
        if (from == 0 && toIndex > 0) {
            resources.add(patient);
            from = 1;
        }
        if (toIndex > from) {
            SearchPage page = search.patientCompartment(patientId, from - 1, toIndex - from);
            size = (int) page.total() + 1;
            readInto(resources, page.ids());
        }
        return resources;
    }

    @Override
    public Integer size() {
        if (size == null) {
            size = (int) search.patientCompartment(patientId, 0, 0).total() + 1;
        }
        return size;
    }
}
