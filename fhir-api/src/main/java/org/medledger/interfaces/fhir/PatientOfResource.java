package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Whose data a resource is: the Patient itself, or the patient its {@code patient}/{@code subject}/{@code beneficiary} names. */
final class PatientOfResource {

    private static final List<String> PATIENT_REFERENCES = List.of("patient", "subject", "beneficiary");

    private final FhirContext fhir;

    PatientOfResource(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** The patient's id, or null when the resource is no patient's data. */
    String idOf(IBaseResource resource) {
        String type = fhir.getResourceType(resource);
        if ("Patient".equals(type)) {
            return resource.getIdElement().getIdPart();
        }
        RuntimeResourceDefinition definition = fhir.getResourceDefinition(resource);
        for (String name : PATIENT_REFERENCES) {
            if (definition.getChildByName(name) == null) {
                continue;
            }
            for (IBaseReference reference : fhir.newTerser().getValues(resource, type + "." + name,
                    IBaseReference.class)) {
                var target = reference.getReferenceElement();
                if ("Patient".equals(target.getResourceType()) && target.getIdPart() != null) {
                    return target.getIdPart();
                }
            }
        }
        return null;
    }
}
