package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.medledger.application.VerificationReport;
import org.medledger.application.search.SearchPage;
import org.medledger.application.RecordService;
import org.medledger.application.search.ResourceSearch;

/** Patient: everything every type has, plus {@code Patient/[id]/$everything}. */
public class PatientResourceProvider extends WritableResourceProvider {

    private final FhirContext fhir;
    private final RecordService records;
    private final ResourceSearch search;
    private static final int PAGE = 500;

    public PatientResourceProvider(FhirContext fhir, RecordService records, ResourceSearch search,
                                   ResourceValidation validation) {
        super(fhir, "Patient", records, search, validation);
        this.fhir = fhir;
        this.records = records;
        this.search = search;
    }

    /**
     * {@code Patient/[id]/$verify}: besides the patient's own version (the top-level parameters, as for any type),
     * a {@code compartment} part checks every version of the patient and of every resource in its compartment:
     * the worst result over all of them, a count per result, and one {@code version} part per version.
     */
    @Override
    Parameters extendVerification(Parameters verification, IIdType id) {
        if (id.hasVersionIdPart()) {
            return verification;
        }
        Map<VerificationReport.Status, Integer> counts = new EnumMap<>(VerificationReport.Status.class);
        Parameters.ParametersParameterComponent compartment = verification.addParameter().setName("compartment");
        List<String> references = new ArrayList<>();
        references.add("Patient/" + id.getIdPart());
        for (int offset = 0; ; offset += PAGE) {
            SearchPage page = search.patientCompartment(id.getIdPart(), offset, PAGE);
            references.addAll(page.ids());
            if (page.ids().size() < PAGE) {
                break;
            }
        }
        List<Parameters.ParametersParameterComponent> versions = new ArrayList<>();
        for (String reference : references) {
            int slash = reference.indexOf('/');
            String type = reference.substring(0, slash);
            String resourceId = reference.substring(slash + 1);
            int latest = (int) records.history(type, resourceId, null, 0, 0).total();
            for (int version = 1; version <= latest; version++) {
                VerificationReport report = records.verify(type, resourceId, version);
                counts.merge(report.status(), 1, Integer::sum);
                Parameters.ParametersParameterComponent part = new Parameters.ParametersParameterComponent()
                        .setName("version");
                part.addPart().setName("reference").setValue(new StringType(report.reference()));
                part.addPart().setName("result").setValue(new CodeType(report.status().name().toLowerCase()));
                part.addPart().setName("detail").setValue(new StringType(report.detail()));
                versions.add(part);
            }
        }
        compartment.addPart().setName("result").setValue(new CodeType(worst(counts).name().toLowerCase()));
        for (VerificationReport.Status status : VerificationReport.Status.values()) {
            compartment.addPart().setName(status.name().toLowerCase())
                    .setValue(new IntegerType(counts.getOrDefault(status, 0)));
        }
        versions.forEach(compartment::addPart);
        return verification;
    }

    /** Mismatched beats pending beats erased beats matched. */
    private static VerificationReport.Status worst(Map<VerificationReport.Status, Integer> counts) {
        for (VerificationReport.Status status : List.of(VerificationReport.Status.MISMATCHED,
                VerificationReport.Status.PENDING, VerificationReport.Status.ERASED)) {
            if (counts.containsKey(status)) {
                return status;
            }
        }
        return VerificationReport.Status.MATCHED;
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
