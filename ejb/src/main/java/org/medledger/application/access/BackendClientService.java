package org.medledger.application.access;

import java.util.List;
import java.util.Optional;

/** SMART Backend Services: registered hospital systems, token issuance and token lookup. */
public interface BackendClientService {

    /**
     * Registers a hospital system and returns its client id.
     *
     * @param jwks          its public keys as a JWK Set (RSA or EC P-384 keys for RS384 / ES384)
     * @param scopes        the SMART system scopes it may ask for
     * @param memberAddress the consortium member it acts for, or null for this hospital's own systems
     */
    String register(String name, String jwks, String scopes, String memberAddress);

    /** The registered clients, newest first. */
    List<RegisteredBackendClient> clients();

    /** Disables a client: its assertions are refused at the token endpoint and its tokens stop working. */
    void disable(String clientId);

    /**
     * Exchanges a signed client assertion for an access token ({@code client_credentials} grant).
     *
     * @param tokenEndpoints the URLs this token endpoint is known by; the assertion's audience must be one of them
     */
    IssuedToken issueToken(String clientAssertion, String requestedScope, java.util.Set<String> tokenEndpoints);

    /** The grant of a bearer token, while it is valid and its client is enabled. */
    Optional<AccessGrant> resolve(String accessToken);
}
