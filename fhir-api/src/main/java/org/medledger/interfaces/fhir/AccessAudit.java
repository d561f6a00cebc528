package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.medledger.application.AccessAuditService;
import org.medledger.application.access.AccessGrant;

/**
 * Audits every interaction of an identified backend client, after the consent check has decided what it
 * receives, and every refused or unauthenticated request: one AuditEvent each, naming the resources released or
 * refused and the patients they belong to, so a patient's access history is a search on {@code entity}.
 * Requests without any token (demo mode only) are not attributable to anyone and are not audited.
 */
@Interceptor
public class AccessAudit {

    private final FhirContext fhir;
    private final AccessAuditService audit;
    private final PatientOfResource patients;

    public AccessAudit(FhirContext fhir, AccessAuditService audit) {
        this.fhir = fhir;
        this.audit = audit;
        this.patients = new PatientOfResource(fhir);
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 100)
    public boolean released(RequestDetails request, ResponseDetails response) {
        AccessGrant grant = BackendAuthorization.grantOf(request).orElse(null);
        if (grant == null) {
            return true;
        }
        List<String> references = new ArrayList<>();
        if (request.getUserData().get(ConsentEnforcement.DEIDENTIFIED) instanceof List<?> released) {
            released.forEach(reference -> references.add(reference.toString()));
        }
        IBaseResource resource = response.getResponseResource();
        if (resource instanceof Bundle bundle) {
            bundle.getEntry().forEach(entry -> describe(entry.getResource(), references));
        } else if (request.getUserData().get(ConsentEnforcement.DENIED) instanceof List<?> denied) {
            denied.forEach(reference -> references.add(reference.toString()));
        } else if (resource instanceof OperationOutcome && request.getId() != null) {
            references.add(request.getId().toUnqualifiedVersionless().getValue());
        } else {
            describe(resource, references);
        }
        audit.record(interaction(request), action(request.getRestOperationType()),
                response.getResponseCode() >= 400 ? 4 : 0, grant.clientId(), grant.memberAddress(),
                purpose(request), references);
        return true;
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refused(RequestDetails request, BaseServerResponseException exception) {
        if (exception.getStatusCode() != 401 && exception.getStatusCode() != 403) {
            return true;
        }
        AccessGrant grant = BackendAuthorization.grantOf(request).orElse(null);
        List<String> references = new ArrayList<>();
        if (request.getId() != null && request.getId().hasResourceType()) {
            references.add(request.getId().toUnqualifiedVersionless().getValue());
        }
        audit.record(interaction(request), action(request.getRestOperationType()),
                exception.getStatusCode() == 401 ? 8 : 4, grant == null ? null : grant.clientId(),
                grant == null ? null : grant.memberAddress(), purpose(request), references);
        return true;
    }

    private void describe(IBaseResource resource, List<String> references) {
        if (resource == null || resource instanceof OperationOutcome || resource.getIdElement().isEmpty()
                || ResearchRelease.isReleaseCopy(resource)) {
            return;
        }
        references.add(fhir.getResourceType(resource) + "/" + resource.getIdElement().getIdPart());
        String patient = patients.idOf(resource);
        if (patient != null) {
            references.add("Patient/" + patient);
        }
    }

    private static String interaction(RequestDetails request) {
        RestOperationTypeEnum type = request.getRestOperationType();
        return type == null ? "unknown" : type.getCode();
    }

    private static String action(RestOperationTypeEnum type) {
        if (type == null) {
            return "E";
        }
        return switch (type) {
            case CREATE -> "C";
            case UPDATE, PATCH -> "U";
            case DELETE -> "D";
            case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, GET_PAGE -> "R";
            default -> "E";
        };
    }

    private static String purpose(RequestDetails request) {
        String header = request.getHeader(ConsentEnforcement.PURPOSE_HEADER);
        if (header == null || header.isBlank()) {
            return "TREAT";
        }
        String purpose = header.strip();
        return purpose.length() > 16 ? purpose.substring(0, 16) : purpose;
    }
}
