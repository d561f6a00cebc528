package org.medledger.application.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.medledger.application.IdentityService;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordService;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.infrastructure.config.MedLedgerSettings;

@Stateless
public class PortalDirectoryBean implements PortalDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}");
    private static final Pattern MOBILE = Pattern.compile("\\+?[0-9 ()-]{6,20}");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9.-]{1,64}");
    private static final String PRACTITIONER_ROLES = "http://terminology.hl7.org/CodeSystem/practitioner-role";
    private static final Set<String> GENDERS = Set.of("male", "female", "other", "unknown");

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private IdentityService identity;

    @Override
    public String registerClinician(ClinicianRegistration r) {
        Role role = clinicianRole(r.role());
        String username = username(r.username());
        String licenceSystem = licenceSystemOf(role);
        String licence = code(r.licenceId(), "licence id");
        if (!em.createQuery("SELECT c FROM PractitionerCredential c WHERE c.licenceSystem = :s AND c.licenceId = :l",
                PractitionerCredential.class).setParameter("s", licenceSystem).setParameter("l", licence)
                .getResultList().isEmpty()) {
            throw new InvalidRecordException("A " + role.groupName() + " with this licence id is already registered");
        }
        if (r.dateOfJoining() == null || r.dateOfJoining().isAfter(LocalDate.now().plusYears(1))) {
            throw new InvalidRecordException("Enter the date of joining");
        }
        String specialityOrWard = text(r.specialityOrWard(), role == Role.DOCTOR ? "speciality" : "department or ward",
                128);
        ObjectNode practitioner = person("Practitioner", r.firstName(), r.lastName(), r.email(), r.mobile(), null,
                r.city(), r.state());
        practitioner.put("active", true);
        practitioner.withArray("identifier").addObject().put("system", licenceSystem).put("value", licence);
        ObjectNode qualification = practitioner.withArray("qualification").addObject();
        qualification.withArray("identifier").addObject().put("system", licenceSystem).put("value", licence);
        qualification.putObject("code").put("text", role == Role.DOCTOR ? specialityOrWard : "Registered nurse");
        String practitionerId = records.create("Practitioner", practitioner.toString()).id();
        // The role, the date of joining and the speciality or ward belong to the clinician's role at this hospital.
        ObjectNode practitionerRole = JSON.createObjectNode().put("resourceType", "PractitionerRole")
                .put("active", true);
        practitionerRole.putObject("practitioner").put("reference", "Practitioner/" + practitionerId);
        practitionerRole.putObject("period").put("start", r.dateOfJoining().toString());
        practitionerRole.withArray("code").addObject().withArray("coding").addObject()
                .put("system", PRACTITIONER_ROLES).put("code", role.groupName());
        if (role == Role.DOCTOR) {
            practitionerRole.withArray("specialty").addObject().put("text", specialityOrWard);
        } else {
            practitionerRole.withArray("location").addObject().put("display", specialityOrWard);
        }
        records.create("PractitionerRole", practitionerRole.toString());
        identity.createAccount(username, r.password(), role, (role == Role.DOCTOR ? "Dr " : "Nurse ")
                        + text(r.firstName(), "first name", 64) + " " + text(r.lastName(), "last name", 64),
                "Practitioner/" + practitionerId);
        em.persist(new PractitionerCredential(username, licenceSystem, licence, specialityOrWard,
                PractitionerCredential.Status.PENDING, Instant.now()));
        return practitionerId;
    }

    @Override
    public String registerPatient(PatientRegistration r) {
        String username = username(r.username());
        String gender = r.gender() == null ? "" : r.gender().strip().toLowerCase();
        if (!GENDERS.contains(gender)) {
            throw new InvalidRecordException("Choose a gender: male, female, other or unknown");
        }
        if (r.birthDate() == null || r.birthDate().isAfter(LocalDate.now())) {
            throw new InvalidRecordException("Enter a birth date that is not in the future");
        }
        ObjectNode patient = person("Patient", r.firstName(), r.lastName(), r.email(), r.mobile(), r.address(),
                r.city(), r.state());
        patient.put("active", true).put("gender", gender).put("birthDate", r.birthDate().toString());
        patient.withArray("identifier").addObject().put("system", MedLedgerSettings.sharedPatientIdentifierSystem())
                .put("value", code(r.identifier(), "identifier"));
        String patientId = records.create("Patient", patient.toString()).id();
        identity.createAccount(username, r.password(), Role.PATIENT,
                text(r.firstName(), "first name", 64) + " " + text(r.lastName(), "last name", 64),
                "Patient/" + patientId);
        return patientId;
    }

    @Override
    public List<ClinicianSummary> clinicians(Role role) {
        return em.createQuery("SELECT c, u FROM PractitionerCredential c, UserAccount u WHERE u.username = c.username "
                        + "AND u.role = :role ORDER BY c.createdAt DESC", Object[].class)
                .setParameter("role", clinicianRole(role)).setMaxResults(500).getResultList().stream()
                .map(row -> {
                    PractitionerCredential c = (PractitionerCredential) row[0];
                    UserAccount u = (UserAccount) row[1];
                    return new ClinicianSummary(c.getUsername(), u.getDisplayName(), c.getLicenceId(), c.getSpeciality(),
                            c.getStatus().name(), c.getReason());
                }).toList();
    }

    @Override
    public void reviewCredentials(String username, boolean verified, String reason) {
        PractitionerCredential credential = em.find(PractitionerCredential.class, username == null ? "" : username);
        if (credential == null) {
            throw new InvalidRecordException("No doctor or nurse is registered with this username");
        }
        if (verified) {
            credential.verify(Instant.now());
        } else {
            credential.reject(text(reason, "reason for the rejection", 256), Instant.now());
        }
    }

    @Override
    public long activeClinicians(Role role) {
        return em.createQuery("SELECT COUNT(c) FROM PractitionerCredential c, UserAccount u "
                        + "WHERE u.username = c.username AND u.role = :role AND c.status = :verified", Long.class)
                .setParameter("role", clinicianRole(role))
                .setParameter("verified", PractitionerCredential.Status.VERIFIED).getSingleResult();
    }

    @Override
    public void enrolVerified(String username, String licenceSystem, String licenceId, String speciality) {
        PractitionerCredential credential = new PractitionerCredential(username, licenceSystem, licenceId, speciality,
                PractitionerCredential.Status.PENDING, Instant.now());
        credential.verify(Instant.now());
        em.persist(credential);
    }

    private ObjectNode person(String type, String first, String last, String email, String mobile, String line,
                              String city, String state) {
        ObjectNode person = JSON.createObjectNode().put("resourceType", type);
        ObjectNode name = person.withArray("name").addObject();
        name.put("family", text(last, "last name", 64));
        name.withArray("given").add(text(first, "first name", 64));
        ArrayNode telecom = person.withArray("telecom");
        if (!blank(email)) {
            if (!EMAIL.matcher(email.strip()).matches()) {
                throw new InvalidRecordException("Enter an e-mail address like name@example.org");
            }
            telecom.addObject().put("system", "email").put("value", email.strip());
        }
        if (!blank(mobile)) {
            if (!MOBILE.matcher(mobile.strip()).matches()) {
                throw new InvalidRecordException("Enter a mobile number of digits, spaces and an optional +");
            }
            telecom.addObject().put("system", "phone").put("use", "mobile").put("value", mobile.strip());
        }
        if (telecom.isEmpty()) {
            person.remove("telecom");
        }
        ObjectNode address = person.withArray("address").addObject();
        if (!blank(line)) {
            address.withArray("line").add(text(line, "address", 200));
        }
        address.put("city", text(city, "city", 64)).put("state", text(state, "state", 64));
        return person;
    }

    private static Role clinicianRole(Role role) {
        if (role != Role.DOCTOR && role != Role.NURSE) {
            throw new InvalidRecordException("A clinician is a doctor or a nurse");
        }
        return role;
    }

    private static String licenceSystemOf(Role role) {
        return role == Role.DOCTOR ? LICENCE_SYSTEM : NURSE_LICENCE_SYSTEM;
    }

    private String username(String username) {
        String name = username == null ? "" : username.strip().toLowerCase();
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidRecordException("A username has 3 to 64 lower-case letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    private static String code(String value, String field) {
        if (value == null || !CODE.matcher(value.strip()).matches()) {
            throw new InvalidRecordException("Enter the " + field + ": letters, digits, '.' or '-'");
        }
        return value.strip();
    }

    private static String text(String value, String field, int max) {
        if (blank(value)) {
            throw new InvalidRecordException("Enter the " + field);
        }
        if (value.strip().length() > max) {
            throw new InvalidRecordException("The " + field + " is longer than " + max + " characters");
        }
        return value.strip();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
