package org.medledger.application.signin;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.medledger.domain.model.identity.SignInChallenge;
import org.medledger.infrastructure.crypto.Sha256;

/** Issues and looks up the single-use sign-in tokens; only their SHA-256 is stored. */
@Stateless
public class SignInChallenges {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    /** A fresh 128-bit random token in hex (alphanumeric, as an EIP-4361 nonce must be). */
    public String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Stores a token, and drops the tokens that expired before now. */
    public void remember(String token, SignInChallenge.Purpose purpose, String username, String message,
                         Instant expiresAt) {
        em.createQuery("DELETE FROM SignInChallenge c WHERE c.expiresAt < :now")
                .setParameter("now", Instant.now()).executeUpdate();
        em.persist(new SignInChallenge(Sha256.hexOf(token), purpose, username, message, expiresAt));
    }

    /** The token's row, locked for this transaction, when it was issued for {@code purpose} and not yet purged. */
    public Optional<SignInChallenge> find(String token, SignInChallenge.Purpose purpose) {
        if (token == null || token.isEmpty() || token.length() > 64) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(SignInChallenge.class, Sha256.hexOf(token), LockModeType.PESSIMISTIC_WRITE))
                .filter(challenge -> challenge.getPurpose() == purpose);
    }
}
