package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.DoctorRegistration;
import org.medledger.application.portal.DoctorSummary;
import org.medledger.application.portal.PortalDirectory;

/** Admin: register a doctor, and verify or reject doctors' credentials. */
@Named
@ViewScoped
public class DoctorAdminView implements Serializable {

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
    private String speciality;
    private final Map<String, String> reasons = new HashMap<>();
    private List<DoctorSummary> doctors;

    @PostConstruct
    void load() {
        doctors = directory.doctors();
    }

    public void register() {
        try {
            directory.registerDoctor(new DoctorRegistration(username, password, firstName, lastName, dateOfJoining,
                    email, mobile, licenceId, city, state, speciality));
            PageMessages.info("Doctor registered", "Credentials are pending verification.");
            username = password = firstName = lastName = email = mobile = licenceId = city = state = speciality = null;
            dateOfJoining = null;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not registered", e.getMessage());
        }
        load();
    }

    public void verify(String doctor) {
        review(doctor, true);
    }

    public void reject(String doctor) {
        review(doctor, false);
    }

    private void review(String doctor, boolean verified) {
        try {
            directory.reviewCredentials(doctor, verified, reasons.get(doctor));
            PageMessages.info(verified ? "Credentials verified" : "Credentials rejected", doctor);
        } catch (InvalidRecordException e) {
            PageMessages.error("Not changed", e.getMessage());
        }
        load();
    }

    public List<DoctorSummary> getDoctors() {
        return doctors;
    }

    public long getActiveDoctors() {
        return doctors.stream().filter(d -> "VERIFIED".equals(d.status())).count();
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
    public String getSpeciality() { return speciality; }
    public void setSpeciality(String v) { speciality = v; }
}
