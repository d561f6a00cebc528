package org.medledger.application.portal;

import java.io.Serializable;

/** A doctor as the administrator's list shows them, with the credential review state. */
public record DoctorSummary(String username, String displayName, String licenceId, String speciality, String status,
                            String reason) implements Serializable {

    public boolean pending() {
        return "PENDING".equals(status);
    }
}
