package org.medledger.application.portal;

import java.time.LocalDate;
import org.medledger.domain.model.identity.Role;

/**
 * What an administrator enters to register a clinician (a doctor or a nurse): a Practitioner, a PractitionerRole, a
 * pending credential and a login. {@code specialityOrWard} is a doctor's speciality or a nurse's department or ward.
 */
public record ClinicianRegistration(Role role, String username, String password, String firstName, String lastName,
                                    LocalDate dateOfJoining, String email, String mobile, String licenceId,
                                    String city, String state, String specialityOrWard) {
}
