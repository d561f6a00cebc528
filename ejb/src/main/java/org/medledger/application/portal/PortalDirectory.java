package org.medledger.application.portal;

import java.util.List;

/** Who works and who is cared for here: doctors and patients an administrator registers, and credential review. */
public interface PortalDirectory {

    /** The licence identifier system of doctors registered from the portal. */
    String LICENCE_SYSTEM = "urn:medledger:practitioner-licence";

    /** A Practitioner, a pending credential and a doctor login; returns the Practitioner's id. */
    String registerDoctor(DoctorRegistration registration);

    /** A Patient carrying the shared identifier, and a patient login; returns the Patient's id. */
    String registerPatient(PatientRegistration registration);

    List<DoctorSummary> doctors();

    /** Verified (reason ignored) or rejected (a reason is required). */
    void reviewCredentials(String username, boolean verified, String reason);

    /** Doctors whose credentials are verified. */
    long activeDoctors();

    /** Records an already verified doctor login (demo data). */
    void enrolVerified(String username, String licenceSystem, String licenceId, String speciality);
}
