package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.medledger.application.access.BackendClientService;

/**
 * {@code POST /fhir/$register-backend-client} (administrator's bearer token): registers a hospital system for SMART
 * Backend Services with its public JWKS, the scopes it may ask for and, for another hospital's system, that
 * member's account address. Answers the client id to put in the client's assertions.
 */
public class BackendClientRegistration {

    private final BackendClientService clients;

    public BackendClientRegistration(BackendClientService clients) {
        this.clients = clients;
    }

    @Operation(name = "$register-backend-client")
    public Parameters register(@OperationParam(name = "name", min = 1) StringType name,
                               @OperationParam(name = "jwks", min = 1) StringType jwks,
                               @OperationParam(name = "scope", min = 1) StringType scope,
                               @OperationParam(name = "member-address") StringType memberAddress,
                               RequestDetails request) {
        AdministrativeOperations.requireAdministrator(request);
        if (name == null || jwks == null || scope == null) {
            throw new InvalidRequestException("name, jwks and scope are required");
        }
        String clientId = clients.register(name.getValue(), jwks.getValue(), scope.getValue(),
                memberAddress == null ? null : memberAddress.getValue());
        Parameters out = new Parameters();
        out.addParameter().setName("client_id").setValue(new StringType(clientId));
        return out;
    }
}
