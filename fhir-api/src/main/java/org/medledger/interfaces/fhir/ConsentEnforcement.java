package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
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
 * (HL7 v3 ActReason code, default TREAT). Where the policy allows research (HRESCH), only the research profile's
 * de-identified copy of each resource is released ({@link ResearchRelease}); the audit trail still names the real
 * resources and patients.
 *
 * <p>Writes are checked before anything is stored, by the same policy: a client may create or update a resource of a
 * patient (in a single write or as an entry of a transaction or batch) only where it could read it, and may update,
 * patch or delete an existing resource only where it could read its current version; research access never writes
 * (rule {@code research-read-only}). Refused writes are 403 with an OperationOutcome naming the rule, and store
 * nothing.
 */
@Interceptor
public class ConsentEnforcement {

    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    /** Request data: the references of a resource this check withheld, for the audit trail. */
    static final String DENIED = ConsentEnforcement.class.getName() + ".denied";
    /** Request data: the real references of resources released as de-identified copies, for the audit trail. */
    static final String DEIDENTIFIED = ConsentEnforcement.class.getName() + ".deidentified";

    private final FhirContext fhir;
    private final ConsentService consents;
    private final PatientOfResource patients;
    private final Function<String, IBaseResource> currentVersion;
    private final ResearchRelease research;

    /** @param currentVersion the current version of {@code Type/id}, or null when there is none */
    public ConsentEnforcement(FhirContext fhir, ConsentService consents,
                              Function<String, IBaseResource> currentVersion, ResearchRelease research) {
        this.fhir = fhir;
        this.consents = consents;
        this.patients = new PatientOfResource(fhir);
        this.currentVersion = currentVersion;
        this.research = research;
    }

    /** Refuses a backend client's write into a patient's record that the consent policy does not allow it to see. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void enforceOnWrite(RequestDetails request, RestOperationTypeEnum operation) {
        AccessGrant grant = BackendAuthorization.grantOf(request).orElse(null);
        if (grant == null) {
            return;
        }
        List<IBaseResource> written = new ArrayList<>();
        switch (operation) {
            case CREATE, UPDATE -> written.add(request.getResource());
            case TRANSACTION, BATCH -> {
                if (request.getResource() instanceof Bundle bundle) {
                    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                        written.add(entry.getResource());
                        String url = entry.getRequest().getUrl();
                        if (url != null && url.matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")) {
                            written.add(currentVersion.apply(url));
                        }
                    }
                }
            }
            default -> {
            }
        }
        if (operation == RestOperationTypeEnum.UPDATE || operation == RestOperationTypeEnum.PATCH
                || operation == RestOperationTypeEnum.DELETE) {
            var id = request.getId();
            if (id != null && id.hasIdPart() && request.getResourceName() != null
                    && id.getIdPart().matches("[A-Za-z0-9\\-.]{1,64}")) {
                written.add(currentVersion.apply(request.getResourceName() + "/" + id.getIdPart()));
            }
        }
        Accessor accessor = accessorOf(grant);
        PurposeOfUse purpose = purposeOf(request);
        for (IBaseResource resource : written) {
            if (resource == null || resource instanceof Bundle) {
                continue;
            }
            AccessDecision decision = decide(resource, accessor, purpose);
            if (decision.outcome() == AccessDecision.Outcome.PERMIT_DEIDENTIFIED) {
                decision = AccessDecision.deny("research-read-only");
            }
            if (!decision.permitted()) {
                OperationOutcome denied = new OperationOutcome();
                denied.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.FORBIDDEN)
                        .setDiagnostics("Write refused by the consent policy, rule '" + decision.rule() + "'");
                throw new ForbiddenOperationException("Write refused by the consent policy, rule '" + decision.rule()
                        + "'", denied);
            }
        }
    }

    private Accessor accessorOf(AccessGrant grant) {
        return Accessor.hospitalSystem(grant.memberAddress() == null ? consents.custodian()
                : MemberId.ofAddress(grant.memberAddress()));
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean enforce(RequestDetails request, ResponseDetails response) {
        AccessGrant grant = BackendAuthorization.grantOf(request).orElse(null);
        IBaseResource resource = response.getResponseResource();
        if (grant == null || resource == null || resource instanceof OperationOutcome) {
            return true;
        }
        Accessor accessor = accessorOf(grant);
        PurposeOfUse purpose = purposeOf(request);
        if (resource instanceof Bundle bundle && bundle.getType() != Bundle.BundleType.TRANSACTIONRESPONSE
                && bundle.getType() != Bundle.BundleType.BATCHRESPONSE) {
            Iterator<Bundle.BundleEntryComponent> entries = bundle.getEntry().iterator();
            while (entries.hasNext()) {
                Bundle.BundleEntryComponent entry = entries.next();
                IBaseResource content = entry.getResource();
                if (content == null || content instanceof OperationOutcome) {
                    continue;
                }
                AccessDecision decision = decide(content, accessor, purpose);
                if (!decision.permitted()) {
                    entries.remove();
                } else if (decision.outcome() == AccessDecision.Outcome.PERMIT_DEIDENTIFIED) {
                    Resource copy = (Resource) deidentified(request, content);
                    entry.setResource(copy).setFullUrl(request.getFhirServerBase() + "/"
                            + copy.getIdElement().toUnqualifiedVersionless().getValue());
                    entry.setRequest(null).setResponse(null);
                }
            }
            bundle.setTotalElement(null);
            return true;
        }
        AccessDecision decision = decide(resource, accessor, purpose);
        if (decision.outcome() == AccessDecision.Outcome.PERMIT_DEIDENTIFIED) {
            response.setResponseResource(deidentified(request, resource));
            return true;
        }
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
        return consents.decideForRecord(patients.idOf(resource), accessor, categoryOf(resource), purpose);
    }

    /** The research copy of a patient's resource; the real references are kept for the audit trail. */
    private IBaseResource deidentified(RequestDetails request, IBaseResource resource) {
        String patient = patients.idOf(resource);
        @SuppressWarnings("unchecked")
        List<String> released = (List<String>) request.getUserData().computeIfAbsent(DEIDENTIFIED,
                key -> new ArrayList<String>());
        released.add(fhir.getResourceType(resource) + "/" + resource.getIdElement().getIdPart());
        released.add("Patient/" + patient);
        return research.copyOf(resource, patient);
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
