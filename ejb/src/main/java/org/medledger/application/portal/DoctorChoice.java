package org.medledger.application.portal;

import java.io.Serializable;

/** A verified doctor a patient can book with: the login and the name and speciality shown. */
public record DoctorChoice(String username, String label) implements Serializable {
}
