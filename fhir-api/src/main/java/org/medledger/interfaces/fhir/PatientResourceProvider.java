package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.medledger.application.RecordService;
import org.medledger.application.search.ResourceSearch;

/** Patient: everything every type has, plus {@code Patient/[id]/$everything}. */
public class PatientResourceProvider extends WritableResourceProvider {

    private final FhirContext fhir;
    private final RecordService records;
    private final ResourceSearch search;

    public PatientResourceProvider(FhirContext fhir, RecordService records, ResourceSearch search,
                                   ResourceValidation validation) {
        super(fhir, "Patient", records, search, validation);
        this.fhir = fhir;
        this.records = records;
        this.search = search;
    }

    /**
     * The patient and every current resource whose {@code patient} or {@code subject} refers to it, paged
     * ({@code _count}); each page reads only its own resources, so a patient with thousands of resources is never
     * held in memory at once.
     */
    @Operation(name = "$everything", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
    public IBundleProvider everything(@IdParam IIdType id) {
        IBaseResource patient = read(id.toUnqualifiedVersionless());
        return new CompartmentResults(search, id.getIdPart(), patient, StoredResources.byReference(fhir, records));
    }
}
