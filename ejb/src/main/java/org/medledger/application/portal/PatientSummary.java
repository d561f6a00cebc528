package org.medledger.application.portal;

import java.io.Serializable;

/** A patient's heading in lists and on the chart. */
public record PatientSummary(String patientId, String displayName, String gender, String birthDate)
        implements Serializable {
}
