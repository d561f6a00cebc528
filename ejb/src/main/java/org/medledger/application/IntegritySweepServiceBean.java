package org.medledger.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.medledger.domain.model.record.RecordVersion;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * The integrity sweep: every version, decrypted and re-hashed, checked against its stored hash, its
 * Merkle proof and the anchored root on chain. Each mismatch is logged as an alert (reference only)
 * and recorded as an AuditEvent, itself anchored. Runs on a schedule and on demand, waiting for its answer or in
 * the background; one sweep at a time, and reading its progress or the last report never waits for a sweep.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IntegritySweepServiceBean implements IntegritySweepService {

    private static final Logger LOG = Logger.getLogger(IntegritySweepServiceBean.class.getName());
    private static final int PAGE = 200;
    private static final int LISTED_MISMATCHES = 50;

    @Resource
    private TimerService timers;

    @Inject
    private RecordVersionRepository versions;

    @EJB
    private RecordService records;

    @Resource
    private ManagedExecutorService background;

    private final Semaphore oneAtATime = new Semaphore(1);
    private volatile IntegritySweepReport latest;
    private volatile IntegritySweepProgress running;

    @PostConstruct
    void schedule() {
        long hours = MedLedgerSettings.longValue("medledger.integrity.sweep-interval-hours", 24);
        if (hours > 0) {
            long period = hours * 3_600_000L;
            timers.createIntervalTimer(period, period, new TimerConfig("integrity-sweep", false));
        }
    }

    @Timeout
    void scheduled(Timer timer) {
        sweep("schedule");
    }

    @Override
    public IntegritySweepReport sweep(String triggeredBy) {
        oneAtATime.acquireUninterruptibly();
        try {
            return sweepHoldingTheTurn(triggeredBy);
        } finally {
            running = null;
            oneAtATime.release();
        }
    }

    @Override
    public boolean startSweep(String triggeredBy) {
        if (!oneAtATime.tryAcquire()) {
            return false;
        }
        running = new IntegritySweepProgress(Instant.now(), triggeredBy, 0, versions.countAll(), 0);
        try {
            background.execute(() -> {
                try {
                    sweepHoldingTheTurn(triggeredBy);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "Integrity sweep (" + triggeredBy + ") failed", e);
                } finally {
                    running = null;
                    oneAtATime.release();
                }
            });
        } catch (RuntimeException e) {
            running = null;
            oneAtATime.release();
            throw e;
        }
        return true;
    }

    @Override
    public IntegritySweepProgress running() {
        return running;
    }

    private IntegritySweepReport sweepHoldingTheTurn(String triggeredBy) {
        Instant started = Instant.now();
        long total = versions.countAll();
        long checked = 0;
        long matched = 0;
        long pending = 0;
        long erased = 0;
        long mismatched = 0;
        List<String> findings = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Long> ids = versions.idsAfter(after, PAGE);
            if (ids.isEmpty()) {
                break;
            }
            after = ids.get(ids.size() - 1);
            for (Long id : ids) {
                RecordVersion version = versions.byId(id).orElse(null);
                if (version == null) {
                    continue;
                }
                VerificationReport report = records.verify(version.getResourceType(), version.getResourceId(),
                        version.getVersionNumber());
                checked++;
                running = new IntegritySweepProgress(started, triggeredBy, checked, Math.max(total, checked),
                        mismatched + (report.status() == VerificationReport.Status.MISMATCHED ? 1 : 0));
                switch (report.status()) {
                    case MATCHED -> matched++;
                    case PENDING -> pending++;
                    case ERASED -> erased++;
                    case MISMATCHED -> {
                        mismatched++;
                        String finding = report.reference() + ": " + report.detail();
                        LOG.severe("INTEGRITY ALERT " + finding);
                        records.create("AuditEvent", AuditEvents.integrityAlert(report.reference(), report.detail(),
                                Instant.now()));
                        if (findings.size() < LISTED_MISMATCHES) {
                            findings.add(finding);
                        }
                    }
                }
            }
        }
        IntegritySweepReport report = new IntegritySweepReport(started, Instant.now(), triggeredBy, checked, matched,
                pending, erased, mismatched, List.copyOf(findings));
        latest = report;
        running = null;
        LOG.info(() -> "Integrity sweep (" + triggeredBy + "): " + report.checked() + " checked, " + report.matched()
                + " matched, " + report.pending() + " pending, " + report.erased() + " erased, "
                + report.mismatched() + " mismatched");
        return report;
    }

    @Override
    public IntegritySweepReport latest() {
        return latest;
    }
}
