package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.access.RegisteredBackendClient;
import org.medledger.application.portal.BackendClientAdministration;

/** Admin: SMART backend clients (hospital systems calling the FHIR API), registered and disabled here. */
@Named
@ViewScoped
public class BackendClientsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private BackendClientAdministration administration;

    @Inject
    private CurrentUser user;

    private String name;
    private String jwks;
    private List<String> scopes = new ArrayList<>();
    private String otherScopes;
    private String memberAddress;
    private String registeredClientId;
    private List<RegisteredBackendClient> clients;

    @PostConstruct
    void load() {
        clients = administration.clients(user.username());
    }

    public void register() {
        List<String> chosen = new ArrayList<>(scopes);
        if (otherScopes != null && !otherScopes.isBlank()) {
            chosen.addAll(Arrays.asList(otherScopes.strip().split("\\s+")));
        }
        try {
            registeredClientId = administration.register(user.username(), name, jwks, chosen, memberAddress);
            PageMessages.info("Backend client registered", "Its client id is " + registeredClientId + ".");
            name = jwks = otherScopes = memberAddress = null;
            scopes = new ArrayList<>();
        } catch (InvalidRecordException e) {
            PageMessages.error("Not registered", e.getMessage());
        }
        load();
    }

    public void disable(String clientId) {
        try {
            administration.disable(user.username(), clientId);
            PageMessages.info("Backend client disabled", "Its assertions and tokens are refused from now on.");
        } catch (InvalidRecordException e) {
            PageMessages.error("Not changed", e.getMessage());
        }
        load();
    }

    public List<String> getOfferedScopes() {
        return BackendClientAdministration.OFFERED_SCOPES;
    }

    public List<RegisteredBackendClient> getClients() {
        return clients;
    }

    public String getRegisteredClientId() { return registeredClientId; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getJwks() { return jwks; }
    public void setJwks(String v) { jwks = v; }
    public List<String> getScopes() { return scopes; }
    public void setScopes(List<String> v) { scopes = v; }
    public String getOtherScopes() { return otherScopes; }
    public void setOtherScopes(String v) { otherScopes = v; }
    public String getMemberAddress() { return memberAddress; }
    public void setMemberAddress(String v) { memberAddress = v; }
}
