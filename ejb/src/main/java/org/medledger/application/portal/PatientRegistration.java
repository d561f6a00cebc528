package org.medledger.application.portal;

import java.time.LocalDate;

/**
 * What an administrator enters to register a patient: a Patient (the identifier in the consortium's shared system, so
 * consents can name them) and a login.
 */
public record PatientRegistration(String username, String password, String firstName, String lastName, String gender,
                                  LocalDate birthDate, String mobile, String email, String address, String city,
                                  String state, String identifier) {
}
