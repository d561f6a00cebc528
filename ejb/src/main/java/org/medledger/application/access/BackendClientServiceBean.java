package org.medledger.application.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.medledger.application.InvalidRecordException;
import org.medledger.domain.model.access.BackendClient;
import org.medledger.domain.model.access.SmartScopes;
import org.medledger.domain.model.access.UsedClientAssertion;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.crypto.Sha256;

/**
 * SMART Backend Services (client_credentials with a JWT client assertion): the assertion must be signed with RS384
 * or ES384 by a key of the client's registered JWKS, have {@code iss} = {@code sub} = the client id, this token
 * endpoint as audience, expire within five minutes, and carry a {@code jti} never used before (kept until it
 * expires, in the database, so two servers share it).
 */
@Stateless
public class BackendClientServiceBean implements BackendClientService {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private AccessTokens tokens;

    @Override
    public String register(String name, String jwks, String scopes, String memberAddress) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidRecordException("A backend client needs a name of 1 to 200 characters");
        }
        List<JWK> keys = publicKeys(jwks);
        if (keys.isEmpty()) {
            throw new InvalidRecordException("The JWKS holds no RSA or EC P-384 public key");
        }
        try {
            if (SmartScopes.parse(scopes == null ? "" : scopes).isEmpty()) {
                throw new InvalidRecordException("A backend client needs at least one SMART system scope");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
        if (memberAddress != null && !memberAddress.isBlank() && !ADDRESS.matcher(memberAddress).matches()) {
            throw new InvalidRecordException("A member is named by its account address (0x and 40 hex digits)");
        }
        String clientId = UUID.randomUUID().toString();
        em.persist(new BackendClient(clientId, name.strip(), memberAddress == null || memberAddress.isBlank() ? null
                : memberAddress.toLowerCase(), jwks, scopes.strip(), Instant.now()));
        return clientId;
    }

    @Override
    public List<RegisteredBackendClient> clients() {
        return em.createQuery("SELECT c FROM BackendClient c ORDER BY c.createdAt DESC", BackendClient.class)
                .setMaxResults(500).getResultList().stream()
                .map(c -> new RegisteredBackendClient(c.getClientId(), c.getName(), c.getScopes(), c.getMemberAddress(),
                        c.getCreatedAt(), c.isEnabled()))
                .toList();
    }

    @Override
    public void disable(String clientId) {
        BackendClient client = clientId == null ? null : em.find(BackendClient.class, clientId);
        if (client == null) {
            throw new InvalidRecordException("No backend client is registered with this client id");
        }
        client.disable();
    }

    @Override
    public IssuedToken issueToken(String clientAssertion, String requestedScope, Set<String> tokenEndpoints) {
        SignedJWT assertion;
        JWTClaimsSet claims;
        try {
            assertion = SignedJWT.parse(clientAssertion);
            claims = assertion.getJWTClaimsSet();
        } catch (ParseException | NullPointerException e) {
            throw new ClientAuthenticationException("invalid_client", "The client assertion is not a signed JWT");
        }
        if (!ALGORITHMS.contains(assertion.getHeader().getAlgorithm())) {
            throw new ClientAuthenticationException("invalid_client", "The client assertion must be signed with RS384 or ES384");
        }
        String clientId = claims.getIssuer();
        if (clientId == null || !clientId.equals(claims.getSubject())) {
            throw new ClientAuthenticationException("invalid_client", "The assertion's iss and sub must both be the client id");
        }
        BackendClient client = em.find(BackendClient.class, clientId);
        if (client == null || !client.isEnabled()) {
            throw new ClientAuthenticationException("invalid_client", "Unknown or disabled client");
        }
        if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(tokenEndpoints::contains)) {
            throw new ClientAuthenticationException("invalid_client", "The assertion's aud must be this token endpoint");
        }
        Instant now = Instant.now();
        if (claims.getExpirationTime() == null) {
            throw new ClientAuthenticationException("invalid_client", "The assertion has no exp");
        }
        Instant expires = claims.getExpirationTime().toInstant();
        if (expires.isBefore(now.minus(CLOCK_SKEW))) {
            throw new ClientAuthenticationException("invalid_client", "The assertion has expired");
        }
        if (expires.isAfter(now.plus(MAX_ASSERTION_LIFETIME).plus(CLOCK_SKEW))) {
            throw new ClientAuthenticationException("invalid_client", "The assertion may live at most five minutes");
        }
        if (claims.getJWTID() == null || claims.getJWTID().isBlank()) {
            throw new ClientAuthenticationException("invalid_client", "The assertion has no jti");
        }
        if (!signedByClient(assertion, client)) {
            throw new ClientAuthenticationException("invalid_client", "The assertion's signature does not match "
                    + "any registered key of the client");
        }
        String assertionKey = Sha256.hexOf(clientId + "|" + claims.getJWTID());
        if (em.find(UsedClientAssertion.class, assertionKey) != null) {
            throw new ClientAuthenticationException("invalid_client", "This client assertion (jti) was already used");
        }
        em.persist(new UsedClientAssertion(assertionKey, clientId, expires.plus(CLOCK_SKEW)));
        SmartScopes granted;
        try {
            granted = SmartScopes.parse(client.getScopes())
                    .grantable(SmartScopes.parse(requestedScope == null ? "" : requestedScope));
        } catch (IllegalArgumentException e) {
            throw new ClientAuthenticationException("invalid_scope", e.getMessage());
        }
        if (granted.isEmpty()) {
            throw new ClientAuthenticationException("invalid_scope", "None of the requested scopes is registered "
                    + "for this client");
        }
        long lifetime = MedLedgerSettings.longValue("medledger.smart.token-lifetime-seconds", 300);
        String token = tokens.issue(new AccessGrant(clientId, client.getMemberAddress(), granted,
                now.plusSeconds(lifetime)));
        return new IssuedToken(token, lifetime, granted.toString());
    }

    @Override
    public Optional<AccessGrant> resolve(String accessToken) {
        // Asked of the database, so a client disabled on any application node is refused on every node.
        return tokens.resolve(accessToken).filter(grant -> {
            BackendClient client = em.find(BackendClient.class, grant.clientId());
            return client != null && client.isEnabled();
        });
    }

    private static boolean signedByClient(SignedJWT assertion, BackendClient client) {
        String kid = assertion.getHeader().getKeyID();
        for (JWK key : publicKeys(client.getJwks())) {
            if (kid != null && !kid.equals(key.getKeyID())) {
                continue;
            }
            try {
                JWSVerifier verifier = key instanceof RSAKey rsa ? new RSASSAVerifier(rsa.toRSAPublicKey())
                        : new ECDSAVerifier(((ECKey) key).toECPublicKey());
                if (assertion.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException e) {
                // A key of the wrong type for the algorithm cannot verify it: try the next one.
            }
        }
        return false;
    }

    /** The usable public keys of a JWKS: RSA of at least 2048 bits and EC P-384; private material is refused. */
    private static List<JWK> publicKeys(String jwks) {
        JWKSet set;
        try {
            set = JWKSet.parse(jwks == null ? "" : jwks);
        } catch (ParseException e) {
            throw new InvalidRecordException("The JWKS is not a valid JWK Set");
        }
        if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
            throw new InvalidRecordException("The JWKS holds private key material: register public keys only");
        }
        return set.getKeys().stream()
                .filter(k -> (k instanceof RSAKey rsa && rsa.size() >= 2048)
                        || (k instanceof ECKey ec && Curve.P_384.equals(ec.getCurve())))
                .toList();
    }
}
