package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.logging.Logger;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.access.BackendClientService;
import org.medledger.application.access.RegisteredBackendClient;
import org.medledger.domain.model.identity.Role;

@Stateless
public class BackendClientAdministrationBean implements BackendClientAdministration {

    private static final Logger LOG = Logger.getLogger(BackendClientAdministrationBean.class.getName());

    @EJB
    private BackendClientService clients;

    @EJB
    private PortalCallers callers;

    @Override
    public List<RegisteredBackendClient> clients(String adminUsername) {
        callers.account(adminUsername, Role.ADMIN);
        return clients.clients();
    }

    @Override
    public String register(String adminUsername, String name, String jwks, List<String> scopes,
                           String memberAddress) {
        callers.account(adminUsername, Role.ADMIN);
        String scope = scopes == null ? "" : String.join(" ", scopes).strip();
        if (scope.isEmpty()) {
            throw new InvalidRecordException("Choose at least one SMART system scope");
        }
        if (jwks == null || jwks.isBlank()) {
            throw new InvalidRecordException("Paste the client's public JWKS (a JSON JWK Set)");
        }
        String clientId = clients.register(name, jwks.strip(), scope, memberAddress == null ? null : memberAddress.strip());
        LOG.info(() -> "Backend client " + clientId + " registered by " + adminUsername);
        return clientId;
    }

    @Override
    public void disable(String adminUsername, String clientId) {
        callers.account(adminUsername, Role.ADMIN);
        clients.disable(clientId);
        LOG.info(() -> "Backend client " + clientId + " disabled by " + adminUsername);
    }
}
