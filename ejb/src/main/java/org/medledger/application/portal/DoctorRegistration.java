package org.medledger.application.portal;

import java.time.LocalDate;

/** What an administrator enters to register a doctor: a Practitioner, a pending credential and a login. */
public record DoctorRegistration(String username, String password, String firstName, String lastName,
                                 LocalDate dateOfJoining, String email, String mobile, String licenceId, String city,
                                 String state, String speciality) {
}
