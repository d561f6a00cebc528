package org.medledger.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.medledger.domain.model.record.RecordVersionRepository;
import org.medledger.infrastructure.crypto.KeyEncryptionKeys;

@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class KeyRotationServiceBean implements KeyRotationService {

    private static final Logger LOG = Logger.getLogger(KeyRotationServiceBean.class.getName());
    private static final int BATCH = 500;

    @Inject
    private RecordSealer sealer;

    @Inject
    private RecordVersionRepository versions;

    @EJB
    private KeyRewrapper rewrapper;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong rewrapped = new AtomicLong();
    private final AtomicLong toRewrap = new AtomicLong();
    private final List<String> retired = new ArrayList<>();

    @Override
    public KeyRotationStatus rotate() {
        if (!running.compareAndSet(false, true)) {
            return status();
        }
        String newVersion = keys().rotate().version();
        rewrapped.set(0);
        toRewrap.set(versions.countNotErased());
        LOG.info(() -> "Key-encryption key rotated to " + newVersion + "; re-wrapping data keys in the background");
        rewrapper.rewrapAll(newVersion, this);
        return status();
    }

    /** Called by the background job as it goes. */
    void progress(long done) {
        rewrapped.addAndGet(done);
    }

    /** Called by the background job at the end: retires every old KEK nothing is wrapped under any more. */
    void finished(String currentVersion) {
        KeyEncryptionKeys keys = keys();
        synchronized (retired) {
            for (String version : keys.versions()) {
                if (!version.equals(currentVersion) && versions.countWrappedUnder(version) == 0
                        && rewrapper.secondFactorsWrappedUnder(version) == 0) {
                    keys.retire(version);
                    retired.add(version);
                    LOG.info(() -> "Retired key-encryption key " + version + ": nothing is wrapped under it any more");
                }
            }
        }
        running.set(false);
    }

    void failed() {
        running.set(false);
    }

    @Override
    public KeyRotationStatus status() {
        synchronized (retired) {
            return new KeyRotationStatus(keys().current().version(), rewrapped.get(), toRewrap.get(), running.get(),
                    List.copyOf(retired), keys().versions());
        }
    }

    private KeyEncryptionKeys keys() {
        return sealer.keys();
    }

    static int batchSize() {
        return BATCH;
    }
}
