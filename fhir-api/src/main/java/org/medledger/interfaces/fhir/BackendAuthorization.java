package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.medledger.application.access.AccessGrant;
import org.medledger.application.access.BackendClientService;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * Who is calling, and may their token do this? A SMART access token is resolved to its grant (kept on the request
 * for the consent check) and its scopes must allow the interaction on the resource type: {@code r} for read,
 * vread, history and operations, {@code s} for search, {@code c}/{@code u}/{@code d} for writes; transaction and
 * batch bundles need {@code system/*.cud}. The administrator's token acts as this hospital. Requests without a
 * token are refused (401) unless {@code medledger.fhir.anonymous-access} is true, which is the default only in
 * demo mode; {@code /metadata} is always public.
 */
@Interceptor
public class BackendAuthorization {

    static final String GRANT = AccessGrant.class.getName();

    private final BackendClientService clients;
    private final boolean anonymousAccess;

    public BackendAuthorization(BackendClientService clients) {
        this.clients = clients;
        this.anonymousAccess = Boolean.parseBoolean(MedLedgerSettings.value("medledger.fhir.anonymous-access")
                .orElse(Boolean.toString(MedLedgerSettings.demoMode())));
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean authorize(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == RestOperationTypeEnum.METADATA) {
            return true;
        }
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            if (anonymousAccess) {
                return true;
            }
            throw challenge(new AuthenticationException("This server requires a SMART Backend Services access token; "
                    + "see /fhir/.well-known/smart-configuration"));
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw challenge(new AuthenticationException("Only Bearer tokens are accepted"));
        }
        String token = header.substring(7).trim();
        if (isAdministratorToken(token)) {
            return true;
        }
        Optional<AccessGrant> grant = clients.resolve(token);
        if (grant.isEmpty()) {
            throw challenge(new AuthenticationException("The access token is unknown or has expired"));
        }
        String type = request.getResourceName();
        char interaction = interactionOf(operation);
        boolean allowed = switch (operation) {
            case TRANSACTION, BATCH -> grant.get().scopes().permits("*", 'c') && grant.get().scopes().permits("*", 'u')
                    && grant.get().scopes().permits("*", 'd');
            case GET_PAGE, EXTENDED_OPERATION_SERVER -> true;
            default -> type != null && grant.get().scopes().permits(type, interaction);
        };
        if (!allowed) {
            throw new ForbiddenOperationException("The token's scopes (" + grant.get().scopes()
                    + ") do not allow this interaction" + (type == null ? "" : " on " + type));
        }
        request.getUserData().put(GRANT, grant.get());
        return true;
    }

    static Optional<AccessGrant> grantOf(RequestDetails request) {
        return Optional.ofNullable((AccessGrant) request.getUserData().get(GRANT));
    }

    private static char interactionOf(RestOperationTypeEnum operation) {
        return switch (operation) {
            case CREATE -> 'c';
            case UPDATE, PATCH -> 'u';
            case DELETE -> 'd';
            case SEARCH_TYPE, SEARCH_SYSTEM -> 's';
            default -> 'r';
        };
    }

    private static boolean isAdministratorToken(String token) {
        return MedLedgerSettings.value("medledger.admin.token")
                .map(admin -> MessageDigest.isEqual(admin.getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private static AuthenticationException challenge(AuthenticationException e) {
        e.addAuthenticateHeaderForRealm("MedLedger");
        return e;
    }
}
