package org.medledger.application.portal;

import java.io.Serializable;
import java.util.List;

/**
 * A patient's chart as one viewer may see it: the records allowed (newest first), the measurements among them for
 * the chart of vitals, and how many records were withheld by consent.
 */
public record PatientChart(PatientSummary patient, List<ChartEntry> entries, List<VitalSign> vitals, int withheld)
        implements Serializable {
}
