package org.medledger.application.portal;

import java.io.Serializable;

/**
 * The one patient a doctor's search found: their id, their name (which the doctor typed or will check against the
 * person in front of them) and whether they have a portal login, so they can answer an access request.
 */
public record PatientMatch(String patientId, String displayName, boolean hasLogin) implements Serializable {
}
