package org.medledger.application.access;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.medledger.infrastructure.crypto.Sha256;

/**
 * Issued access tokens: random 256-bit bearer values, held only as their SHA-256 so a memory dump does not
 * yield usable tokens. Tokens live minutes; a restart ends them and clients simply ask again. Servers behind one
 * load balancer need sticky routing for tokens (or clients that ask each server), see the README.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AccessTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, AccessGrant> grants = new ConcurrentHashMap<>();

    public String issue(AccessGrant grant) {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        grants.put(Sha256.hexOf(value), grant);
        return value;
    }

    public Optional<AccessGrant> resolve(String token) {
        AccessGrant grant = grants.get(Sha256.hexOf(token));
        if (grant == null || grant.expiresAt().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    @Schedule(minute = "*", hour = "*", persistent = false)
    void forgetExpired() {
        Instant now = Instant.now();
        grants.values().removeIf(grant -> grant.expiresAt().isBefore(now));
    }
}
