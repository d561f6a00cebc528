package org.medledger.application.portal;

import java.io.Serializable;
import java.util.List;

/** A patient's chart as one viewer may see it: the records allowed, and how many were withheld by consent. */
public record PatientChart(PatientSummary patient, List<ChartEntry> entries, int withheld) implements Serializable {
}
