package org.medledger.application.portal;

import java.io.Serializable;

/** One access request as the doctor who made it and the patient it asks see it. */
public record AccessRequestSummary(String requestId, String patientId, String patientName, String doctorName,
                                   String categories, String purposes, String reason, String requested,
                                   String status, String answer, String answered) implements Serializable {

    public boolean pending() {
        return "pending".equals(status);
    }

    public boolean approved() {
        return "approved".equals(status);
    }
}
