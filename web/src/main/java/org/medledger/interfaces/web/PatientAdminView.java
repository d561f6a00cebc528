package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.PatientRegistration;
import org.medledger.application.portal.PortalDirectory;

/** Admin: register a patient (a FHIR Patient and a login). */
@Named
@ViewScoped
public class PatientAdminView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PortalDirectory directory;

    private String username;
    private String password;
    private String firstName;
    private String lastName;
    private String gender;
    private LocalDate birthDate;
    private String mobile;
    private String email;
    private String address;
    private String city;
    private String state;
    private String identifier;
    private String registeredName;
    private String registeredId;

    public void register() {
        try {
            registeredId = directory.registerPatient(new PatientRegistration(username, password, firstName, lastName,
                    gender, birthDate, mobile, email, address, city, state, identifier));
            registeredName = firstName + " " + lastName;
            PageMessages.info("Patient registered", "They can now sign in as " + username + ".");
            username = password = firstName = lastName = gender = mobile = email = address = city = state = null;
            identifier = null;
            birthDate = null;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not registered", e.getMessage());
        }
    }

    public String getRegisteredName() { return registeredName; }
    public String getRegisteredId() { return registeredId; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
    public String getFirstName() { return firstName; }
    public void setFirstName(String v) { firstName = v; }
    public String getLastName() { return lastName; }
    public void setLastName(String v) { lastName = v; }
    public String getGender() { return gender; }
    public void setGender(String v) { gender = v; }
    public LocalDate getBirthDate() { return birthDate; }
    public void setBirthDate(LocalDate v) { birthDate = v; }
    public String getMobile() { return mobile; }
    public void setMobile(String v) { mobile = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { address = v; }
    public String getCity() { return city; }
    public void setCity(String v) { city = v; }
    public String getState() { return state; }
    public void setState(String v) { state = v; }
    public String getIdentifier() { return identifier; }
    public void setIdentifier(String v) { identifier = v; }
}
