package org.medledger.application.portal;

import java.io.Serializable;

/**
 * A doctor or nurse as the administrator's list shows them, with the credential review state;
 * {@code specialityOrWard} is a doctor's speciality or a nurse's department or ward.
 */
public record ClinicianSummary(String username, String displayName, String licenceId, String specialityOrWard,
                               String status, String reason) implements Serializable {

    public boolean pending() {
        return "PENDING".equals(status);
    }
}
