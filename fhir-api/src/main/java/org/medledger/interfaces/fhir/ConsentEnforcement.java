package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Iterator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.medledger.application.access.AccessGrant;
import org.medledger.application.consent.ConsentService;
import org.medledger.domain.model.consent.AccessDecision;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.MemberId;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;

/**
 * The consent check for every resource a backend client receives: reads, searches, {@code $everything}, history
 * and {@code _include}d resources alike, because it looks at the response, not at the request. A denied direct
 * read is 403 with an OperationOutcome naming the rule; denied resources are removed from bundles and bundle
 * totals are dropped, so counts leak nothing. The purpose of use comes from the {@code X-Purpose-Of-Use} header
 * (HL7 v3 ActReason code, default TREAT). Research (HRESCH) would release de-identified copies, which this server
 * cannot produce yet, so it is refused rather than released identified.
 */
@Interceptor
public class ConsentEnforcement {

    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    /** Request data: the references of a resource this check withheld, for the audit trail. */
    static final String DENIED = ConsentEnforcement.class.getName() + ".denied";

    private final FhirContext fhir;
    private final ConsentService consents;
    private final PatientOfResource patients;

    public ConsentEnforcement(FhirContext fhir, ConsentService consents) {
        this.fhir = fhir;
        this.consents = consents;
        this.patients = new PatientOfResource(fhir);
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean enforce(RequestDetails request, ResponseDetails response) {
        AccessGrant grant = BackendAuthorization.grantOf(request).orElse(null);
        IBaseResource resource = response.getResponseResource();
        if (grant == null || resource == null || resource instanceof OperationOutcome) {
            return true;
        }
        Accessor accessor = Accessor.hospitalSystem(grant.memberAddress() == null ? consents.custodian()
                : MemberId.ofAddress(grant.memberAddress()));
        PurposeOfUse purpose = purposeOf(request);
        if (resource instanceof Bundle bundle && bundle.getType() != Bundle.BundleType.TRANSACTIONRESPONSE
                && bundle.getType() != Bundle.BundleType.BATCHRESPONSE) {
            Iterator<Bundle.BundleEntryComponent> entries = bundle.getEntry().iterator();
            while (entries.hasNext()) {
                IBaseResource entry = entries.next().getResource();
                if (entry != null && !(entry instanceof OperationOutcome) && !decide(entry, accessor, purpose).permitted()) {
                    entries.remove();
                }
            }
            bundle.setTotalElement(null);
            return true;
        }
        AccessDecision decision = decide(resource, accessor, purpose);
        if (!decision.permitted()) {
            // Answered in place rather than thrown: a refusal is an expected outcome, not an error to log.
            OperationOutcome denied = new OperationOutcome();
            denied.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.FORBIDDEN)
                    .setDiagnostics("Access denied by the consent policy, rule '" + decision.rule() + "'");
            response.setResponseResource(denied);
            response.setResponseCode(403);
            String patient = patients.idOf(resource);
            request.getUserData().put(DENIED, patient == null
                    ? java.util.List.of(fhir.getResourceType(resource) + "/" + resource.getIdElement().getIdPart())
                    : java.util.List.of(fhir.getResourceType(resource) + "/" + resource.getIdElement().getIdPart(),
                            "Patient/" + patient));
        }
        return true;
    }

    private AccessDecision decide(IBaseResource resource, Accessor accessor, PurposeOfUse purpose) {
        AccessDecision decision = consents.decideForRecord(patients.idOf(resource), accessor, categoryOf(resource), purpose);
        if (decision.outcome() == AccessDecision.Outcome.PERMIT_DEIDENTIFIED) {
            return AccessDecision.deny("deidentification-unavailable");
        }
        return decision;
    }

    /** The resource type's category, refined by laboratory observations and by sensitivity labels. */
    private ResourceCategory categoryOf(IBaseResource resource) {
        for (var label : resource.getMeta().getSecurity()) {
            var sensitive = ResourceCategory.ofSensitivityLabel(label.getCode());
            if (sensitive.isPresent()) {
                return sensitive.get();
            }
        }
        if (resource instanceof Observation observation) {
            for (var category : observation.getCategory()) {
                for (Coding coding : category.getCoding()) {
                    if ("laboratory".equals(coding.getCode())) {
                        return ResourceCategory.LABORATORY;
                    }
                }
            }
        }
        return ResourceCategory.ofResourceType(fhir.getResourceType(resource));
    }

    private static PurposeOfUse purposeOf(RequestDetails request) {
        String header = request.getHeader(PURPOSE_HEADER);
        if (header == null || header.isBlank()) {
            return PurposeOfUse.TREAT;
        }
        return PurposeOfUse.ofCode(header.strip()).orElseThrow(() -> new InvalidRequestException(PURPOSE_HEADER
                + " must be an HL7 v3 ActReason purpose of use: TREAT, ETREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH or PATRQT"));
    }
}
