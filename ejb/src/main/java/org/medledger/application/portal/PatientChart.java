package org.medledger.application.portal;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A patient's chart as one viewer may see it: the records allowed (newest first), the measurements among them for
 * the chart of vitals, how many records were withheld by consent, and when the viewer's emergency (break-glass)
 * access ends if the chart was read under it (null otherwise).
 */
public record PatientChart(PatientSummary patient, List<ChartEntry> entries, List<VitalSign> vitals, int withheld,
                           Instant emergencyUntil) implements Serializable {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm z")
            .withZone(ZoneId.systemDefault());

    public PatientChart(PatientSummary patient, List<ChartEntry> entries, List<VitalSign> vitals, int withheld) {
        this(patient, entries, vitals, withheld, null);
    }

    public boolean emergency() {
        return emergencyUntil != null;
    }

    /** When emergency access ends, as HH:MM and the server's time zone; empty when not an emergency. */
    public String emergencyEnds() {
        return emergencyUntil == null ? "" : CLOCK.format(emergencyUntil);
    }
}
