package org.medledger.application.consent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.medledger.domain.model.consent.AccessDecision;
import org.medledger.domain.model.consent.AccessRequest;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.ConsentPolicy;
import org.medledger.domain.model.consent.ConsentView;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.medledger.infrastructure.ledger.ConsentEvent;
import org.medledger.infrastructure.ledger.LedgerGateway;
import org.medledger.infrastructure.ledger.LedgerUnavailableException;

/**
 * Follows {@code ConsentRegistry}'s events into this server's consent view: replayed from block zero at start-up,
 * then polled. Every member's server follows the same events, so a consent given at one hospital is enforced at
 * all of them once its block is in. QBFT blocks are final, so followed blocks are never revisited; a chain that
 * is replaced (a development node restarted empty) is detected by its height going down and replayed anew.
 * Revocations recorded in this hospital's database hold here before they are mined, whichever of the hospital's
 * nodes took them.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsentLedgerFollower {

    private static final Logger LOG = Logger.getLogger(ConsentLedgerFollower.class.getName());
    /** Blocks asked for in one log query, so a long chain is replayed in bounded steps. */
    private static final long BLOCKS_PER_QUERY = 5_000;

    @Resource
    private TimerService timers;

    @EJB
    private LedgerGateway ledger;

    @EJB
    private ConsentChanges changes;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile ConsentView view = new ConsentView();
    private volatile ConsentPolicy policy;
    private volatile long followedBlock = -1;

    @PostConstruct
    void schedule() {
        policy = new ConsentPolicy(view, breakGlassSeconds());
        long period = MedLedgerSettings.longValue("medledger.consent.poll-interval-ms", 1000);
        timers.createIntervalTimer(0, period, new TimerConfig("consent-follower", false));
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            follow();
        } catch (LedgerUnavailableException e) {
            LOG.log(Level.FINE, "Chain unavailable; the consent view stays at block " + followedBlock, e);
        }
        try {
            changes.revokedAwaitingChain().forEach(view::revoke);
        } finally {
            running.set(false);
        }
    }

    private void follow() {
        long head = ledger.blockHeight();
        if (head < followedBlock) {
            LOG.warning(() -> "The chain is lower (" + head + ") than the block followed (" + followedBlock
                    + "): it was replaced; replaying its consent events");
            ConsentView fresh = new ConsentView();
            policy = new ConsentPolicy(fresh, breakGlassSeconds());
            view = fresh;
            followedBlock = -1;
        }
        while (followedBlock < head) {
            long to = Math.min(head, followedBlock + BLOCKS_PER_QUERY);
            List<ConsentEvent> events = ledger.consentEvents(followedBlock + 1, to);
            for (ConsentEvent event : events) {
                if (event instanceof ConsentEvent.Granted granted) {
                    view.apply(granted.grant());
                } else if (event instanceof ConsentEvent.Revoked revoked) {
                    view.revoke(revoked.consentId());
                } else if (event instanceof ConsentEvent.Emergency emergency) {
                    view.apply(emergency.access());
                }
            }
            followedBlock = to;
        }
    }

    /** A revocation made here holds here at once, before its transaction is mined. */
    public void revokeLocally(long consentId) {
        view.revoke(consentId);
    }

    public AccessDecision decide(AccessRequest request) {
        return policy.decide(request);
    }

    /** When the accessor's break-glass window for the patient closes (Unix seconds), if one is open at {@code at}. */
    public OptionalLong emergencyEndsAt(String patient, Accessor accessor, long at) {
        return policy.emergencyEndsAt(patient, accessor, at);
    }

    /** The last block whose consent events are in the view; -1 before the first contact with the chain. */
    public long followedBlock() {
        return followedBlock;
    }

    public ConsentView view() {
        return view;
    }

    /** How long a break-glass declaration allows emergency treatment: {@code medledger.consent.break-glass-minutes}. */
    public static long breakGlassSeconds() {
        return MedLedgerSettings.longValue("medledger.consent.break-glass-minutes", 60) * 60;
    }
}
