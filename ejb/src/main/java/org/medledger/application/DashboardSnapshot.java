package org.medledger.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What the dashboard shows, as a JavaBean so Faces pages can read it. {@code blockHeight} is null
 * when the chain node is unreachable.
 */
public final class DashboardSnapshot implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String hospitalName;
    private final long patients;
    private final long practitioners;
    private final Long blockHeight;
    private final String rpcUrl;
    private final Map<String, String> contractAddresses;
    private final long anchorBacklog;
    private final Instant oldestWaiting;
    private final long activeDoctors;
    private final long activeNurses;
    private final long versionsToday;
    private final IntegritySweepReport lastSweep;
    private final IntegritySweepProgress sweepRunning;

    public DashboardSnapshot(String hospitalName, long patients, long practitioners, Long blockHeight,
                             String rpcUrl, Map<String, String> contractAddresses, long anchorBacklog,
                             Instant oldestWaiting, long activeDoctors, long activeNurses, long versionsToday,
                             IntegritySweepReport lastSweep, IntegritySweepProgress sweepRunning) {
        this.hospitalName = hospitalName;
        this.patients = patients;
        this.practitioners = practitioners;
        this.blockHeight = blockHeight;
        this.rpcUrl = rpcUrl;
        this.contractAddresses = Map.copyOf(contractAddresses);
        this.anchorBacklog = anchorBacklog;
        this.oldestWaiting = oldestWaiting;
        this.activeDoctors = activeDoctors;
        this.activeNurses = activeNurses;
        this.versionsToday = versionsToday;
        this.lastSweep = lastSweep;
        this.sweepRunning = sweepRunning;
    }

    public String getHospitalName() {
        return hospitalName;
    }

    public long getPatients() {
        return patients;
    }

    public long getPractitioners() {
        return practitioners;
    }

    public Long getBlockHeight() {
        return blockHeight;
    }

    public boolean isChainReachable() {
        return blockHeight != null;
    }

    public String getRpcUrl() {
        return rpcUrl;
    }

    public Map<String, String> getContractAddresses() {
        return contractAddresses;
    }

    public long getAnchorBacklog() {
        return anchorBacklog;
    }

    public Instant getOldestWaiting() {
        return oldestWaiting;
    }

    /** Doctors whose credentials an administrator verified. */
    public long getActiveDoctors() {
        return activeDoctors;
    }

    /** Nurses whose credentials an administrator verified. */
    public long getActiveNurses() {
        return activeNurses;
    }

    /** Record versions written since midnight UTC, of every type. */
    public long getVersionsToday() {
        return versionsToday;
    }

    /** The last finished integrity sweep; null when none has finished since the server started. */
    public IntegritySweepReport getLastSweep() {
        return lastSweep;
    }

    /** The integrity sweep running now; null when none is. */
    public IntegritySweepProgress getSweepRunning() {
        return sweepRunning;
    }
}
