package org.medledger.application.portal;

import java.util.List;
import org.medledger.domain.model.identity.Role;

/**
 * Who works and who is cared for here: clinicians (doctors and nurses) and patients an administrator registers, and
 * the review of clinicians' credentials.
 */
public interface PortalDirectory {

    /** The licence identifier system of doctors registered from the portal. */
    String LICENCE_SYSTEM = "urn:medledger:practitioner-licence";

    /** The licence identifier system of nurses registered from the portal (a nursing register of its own). */
    String NURSE_LICENCE_SYSTEM = "urn:medledger:nurse-licence";

    /**
     * A Practitioner, a PractitionerRole (doctor or nurse), a pending credential and a login of that role; returns
     * the Practitioner's id.
     */
    String registerClinician(ClinicianRegistration registration);

    /** A Patient carrying the shared identifier, and a patient login; returns the Patient's id. */
    String registerPatient(PatientRegistration registration);

    /** The doctors ({@link Role#DOCTOR}) or nurses ({@link Role#NURSE}) registered here, newest first. */
    List<ClinicianSummary> clinicians(Role role);

    /** Verified (reason ignored) or rejected (a reason is required). */
    void reviewCredentials(String username, boolean verified, String reason);

    /** Doctors or nurses whose credentials are verified. */
    long activeClinicians(Role role);

    /** Records an already verified doctor login (demo data). */
    void enrolVerified(String username, String licenceSystem, String licenceId, String speciality);
}
