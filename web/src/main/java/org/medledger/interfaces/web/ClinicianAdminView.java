package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.ClinicianRegistration;
import org.medledger.application.portal.ClinicianSummary;
import org.medledger.application.portal.PortalDirectory;
import org.medledger.domain.model.identity.Role;

/** Admin: register clinicians of one role, and verify or reject their credentials. */
abstract class ClinicianAdminView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PortalDirectory directory;

    private String username;
    private String password;
    private String firstName;
    private String lastName;
    private LocalDate dateOfJoining;
    private String email;
    private String mobile;
    private String licenceId;
    private String city;
    private String state;
    private String specialityOrWard;
    private final Map<String, String> reasons = new HashMap<>();
    private List<ClinicianSummary> clinicians;

    /** The role this page registers and reviews. */
    abstract Role role();

    @PostConstruct
    void load() {
        clinicians = directory.clinicians(role());
    }

    public void register() {
        try {
            directory.registerClinician(new ClinicianRegistration(role(), username, password, firstName, lastName,
                    dateOfJoining, email, mobile, licenceId, city, state, specialityOrWard));
            PageMessages.info(role() == Role.DOCTOR ? "Doctor registered" : "Nurse registered",
                    "Credentials are pending verification.");
            username = password = firstName = lastName = email = mobile = licenceId = city = state = null;
            specialityOrWard = null;
            dateOfJoining = null;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not registered", e.getMessage());
        }
        load();
    }

    public void verify(String clinician) {
        review(clinician, true);
    }

    public void reject(String clinician) {
        review(clinician, false);
    }

    private void review(String clinician, boolean verified) {
        try {
            directory.reviewCredentials(clinician, verified, reasons.get(clinician));
            PageMessages.info(verified ? "Credentials verified" : "Credentials rejected", clinician);
        } catch (InvalidRecordException e) {
            PageMessages.error("Not changed", e.getMessage());
        }
        load();
    }

    public List<ClinicianSummary> getClinicians() {
        return clinicians;
    }

    public long getActive() {
        return clinicians.stream().filter(c -> "VERIFIED".equals(c.status())).count();
    }

    public Map<String, String> getReasons() {
        return reasons;
    }

    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String v) { firstName = v; }
    public String getLastName() { return lastName; }
    public void setLastName(String v) { lastName = v; }
    public LocalDate getDateOfJoining() { return dateOfJoining; }
    public void setDateOfJoining(LocalDate v) { dateOfJoining = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getMobile() { return mobile; }
    public void setMobile(String v) { mobile = v; }
    public String getLicenceId() { return licenceId; }
    public void setLicenceId(String v) { licenceId = v; }
    public String getCity() { return city; }
    public void setCity(String v) { city = v; }
    public String getState() { return state; }
    public void setState(String v) { state = v; }
    public String getSpecialityOrWard() { return specialityOrWard; }
    public void setSpecialityOrWard(String v) { specialityOrWard = v; }
}
