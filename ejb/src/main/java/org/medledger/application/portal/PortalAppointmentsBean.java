package org.medledger.application.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.medledger.application.AuditEvents;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.domain.model.appointment.AppointmentBooking;
import org.medledger.domain.model.appointment.AppointmentStatus;
import org.medledger.domain.model.appointment.DoctorAvailability;
import org.medledger.domain.model.identity.PractitionerCredential;
import org.medledger.domain.model.identity.Role;
import org.medledger.domain.model.identity.UserAccount;
import org.medledger.infrastructure.config.MedLedgerSettings;

@Stateless
public class PortalAppointmentsBean implements PortalAppointments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REASON_MAX = 200;
    private static final int LISTED = 200;
    private static final String SLOT_CONSTRAINT = "uq_appointment_slot";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

    @PersistenceContext(unitName = "medledger")
    private EntityManager em;

    @EJB
    private RecordService records;

    @EJB
    private PortalCallers callers;

    @Override
    public String timeZone() {
        return MedLedgerSettings.appointmentTimeZone().getId();
    }

    @Override
    public WeeklyHours availabilityOf(String doctorUsername) {
        callers.verifiedDoctor(doctorUsername);
        DoctorAvailability hours = em.find(DoctorAvailability.class, doctorUsername);
        return hours == null ? null : new WeeklyHours(hours.getDays(), hours.getStartHour(), hours.getEndHour(),
                hours.getSlotMinutes());
    }

    @Override
    public void setAvailability(String doctorUsername, WeeklyHours hours) {
        callers.verifiedDoctor(doctorUsername);
        String problem = DoctorAvailability.problemWith(hours.days(), hours.startHour(), hours.endHour(),
                hours.slotMinutes());
        if (problem != null) {
            throw new InvalidRecordException(problem);
        }
        DoctorAvailability availability = em.find(DoctorAvailability.class, doctorUsername);
        boolean first = availability == null;
        if (first) {
            availability = new DoctorAvailability(doctorUsername);
        }
        availability.set(hours.days(), hours.startHour(), hours.endHour(), hours.slotMinutes(), Instant.now());
        if (first) {
            em.persist(availability);
        }
    }

    @Override
    public List<DoctorChoice> bookableDoctors(String patientUsername) {
        callers.patientIdOf(patientUsername);
        List<DoctorChoice> doctors = new ArrayList<>();
        for (Object[] row : em.createQuery("SELECT c, u FROM PractitionerCredential c, UserAccount u, "
                        + "DoctorAvailability a WHERE u.username = c.username AND a.doctorUsername = c.username "
                        + "AND c.status = :verified ORDER BY u.displayName", Object[].class)
                .setParameter("verified", PractitionerCredential.Status.VERIFIED).getResultList()) {
            PractitionerCredential credential = (PractitionerCredential) row[0];
            doctors.add(new DoctorChoice(credential.getUsername(), ((UserAccount) row[1]).getDisplayName()
                    + (credential.getSpeciality() == null ? "" : ", " + credential.getSpeciality())));
        }
        return doctors;
    }

    @Override
    public List<FreeSlot> freeSlots(String patientUsername, String doctorUsername) {
        callers.patientIdOf(patientUsername);
        bookableDoctor(doctorUsername);
        return freeSlotsOfDoctor(doctorUsername);
    }

    @Override
    public String book(String patientUsername, String doctorUsername, String slotKey, String reason) {
        String patientId = callers.patientIdOf(patientUsername);
        PractitionerCredential credential = bookableDoctor(doctorUsername);
        DoctorAvailability hours = hoursOf(doctorUsername);
        Instant start = offeredStart(hours, slotKey);
        String why = reason == null ? "" : reason.strip();
        if (why.length() > REASON_MAX) {
            throw new InvalidRecordException("The reason is at most " + REASON_MAX + " characters");
        }
        refuseOverlap(doctorUsername, start, start.plus(hours.slotLength()), null);
        Instant now = Instant.now();
        ObjectNode appointment = JSON.createObjectNode().put("resourceType", "Appointment")
                .put("status", AppointmentStatus.PENDING.fhirCode());
        if (!why.isEmpty()) {
            appointment.withArray("reasonCode").addObject().put("text", why);
        }
        appointment.put("start", start.toString()).put("end", start.plus(hours.slotLength()).toString())
                .put("minutesDuration", hours.getSlotMinutes())
                .put("created", now.truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode patient = appointment.withArray("participant").addObject();
        patient.putObject("actor").put("reference", "Patient/" + patientId);
        patient.put("required", "required").put("status", "accepted");
        ObjectNode doctor = appointment.withArray("participant").addObject();
        UserAccount doctorAccount = callers.account(doctorUsername, Role.DOCTOR);
        ObjectNode actor = doctor.putObject("actor");
        if (doctorAccount.getFhirReference() != null) {
            actor.put("reference", doctorAccount.getFhirReference());
        } else {
            actor.putObject("identifier").put("system", credential.getLicenceSystem())
                    .put("value", credential.getLicenceId());
        }
        actor.put("display", doctorAccount.getDisplayName());
        doctor.put("required", "required").put("status", "needs-action");
        StoredResource stored = records.create("Appointment", appointment.toString());
        AppointmentBooking booking = new AppointmentBooking(stored.id(), doctorUsername, patientId, start,
                hours.slotLength(), now);
        holdSlot(() -> em.persist(booking));
        audit(patientUsername, Role.PATIENT, "create", "C", "PATRQT", booking);
        return stored.id();
    }

    @Override
    public List<AppointmentSummary> myAppointments(String patientUsername) {
        String patientId = callers.patientIdOf(patientUsername);
        List<AppointmentBooking> bookings = em.createQuery("SELECT a FROM AppointmentBooking a "
                        + "WHERE a.patientId = :patient ORDER BY a.startsAt DESC", AppointmentBooking.class)
                .setParameter("patient", patientId).setMaxResults(LISTED).getResultList();
        Instant now = Instant.now();
        List<AppointmentSummary> result = new ArrayList<>();
        for (AppointmentBooking booking : bookings) {
            result.add(summary(booking, "", cancellable(booking, now), false, now));
        }
        return result;
    }

    @Override
    public void cancel(String patientUsername, String appointmentId) {
        String patientId = callers.patientIdOf(patientUsername);
        AppointmentBooking booking = booking(appointmentId);
        if (!patientId.equals(booking.getPatientId())) {
            throw new PortalAccessDeniedException("This appointment is not yours");
        }
        if (!cancellable(booking, Instant.now())) {
            throw new InvalidRecordException("Only a requested or booked appointment that has not begun can be "
                    + "cancelled");
        }
        booking.changeStatus(AppointmentStatus.CANCELLED, Instant.now());
        updateAppointment(booking, participant(0, "declined"));
        audit(patientUsername, Role.PATIENT, "update", "U", "PATRQT", booking);
    }

    @Override
    public List<AppointmentSummary> appointmentsOf(String doctorUsername) {
        callers.verifiedDoctor(doctorUsername);
        List<AppointmentBooking> bookings = new ArrayList<>(em.createQuery("SELECT a FROM AppointmentBooking a "
                        + "WHERE a.doctorUsername = :doctor ORDER BY a.startsAt DESC", AppointmentBooking.class)
                .setParameter("doctor", doctorUsername).setMaxResults(LISTED).getResultList());
        bookings.sort(Comparator.comparing((AppointmentBooking a) -> a.getStatus() != AppointmentStatus.PENDING)
                .thenComparing(a -> a.getStatus() == AppointmentStatus.CANCELLED)
                .thenComparing(AppointmentBooking::getStartsAt));
        Map<String, String> names = patientNames(bookings);
        Instant now = Instant.now();
        List<AppointmentSummary> result = new ArrayList<>();
        List<String> released = new ArrayList<>();
        Set<String> patients = new LinkedHashSet<>();
        for (AppointmentBooking booking : bookings) {
            result.add(summary(booking, names.getOrDefault(booking.getPatientId(), "Patient " + booking.getPatientId()),
                    false, true, now));
            released.add("Appointment/" + booking.getAppointmentId());
            patients.add("Patient/" + booking.getPatientId());
        }
        if (!result.isEmpty()) {
            released.addAll(patients);
            audit(doctorUsername, Role.DOCTOR, "search-type", "R", "TREAT", released);
        }
        return result;
    }

    @Override
    public List<FreeSlot> freeSlotsOf(String doctorUsername) {
        callers.verifiedDoctor(doctorUsername);
        return freeSlotsOfDoctor(doctorUsername);
    }

    @Override
    public void accept(String doctorUsername, String appointmentId) {
        AppointmentBooking booking = doctorsBooking(doctorUsername, appointmentId);
        if (booking.getStatus() != AppointmentStatus.PENDING) {
            throw new InvalidRecordException("Only a requested appointment can be accepted");
        }
        booking.changeStatus(AppointmentStatus.BOOKED, Instant.now());
        updateAppointment(booking, participant(1, "accepted"));
        audit(doctorUsername, Role.DOCTOR, "update", "U", "TREAT", booking);
    }

    @Override
    public void reschedule(String doctorUsername, String appointmentId, String slotKey) {
        AppointmentBooking booking = doctorsBooking(doctorUsername, appointmentId);
        if (booking.getStatus() != AppointmentStatus.PENDING && booking.getStatus() != AppointmentStatus.BOOKED) {
            throw new InvalidRecordException("Only a requested or booked appointment can be rescheduled");
        }
        DoctorAvailability hours = hoursOf(doctorUsername);
        Instant start = offeredStart(hours, slotKey);
        if (start.equals(booking.getStartsAt())) {
            throw new InvalidRecordException("Choose a time other than the current one");
        }
        refuseOverlap(doctorUsername, start, start.plus(hours.slotLength()), booking.getAppointmentId());
        holdSlot(() -> booking.moveTo(start, hours.slotLength(), Instant.now()));
        updateAppointment(booking, json -> json.put("minutesDuration", hours.getSlotMinutes()));
        audit(doctorUsername, Role.DOCTOR, "update", "U", "TREAT", booking);
    }

    @Override
    public void markArrived(String doctorUsername, String appointmentId) {
        AppointmentBooking booking = doctorsBooking(doctorUsername, appointmentId);
        if (booking.getStatus() != AppointmentStatus.BOOKED) {
            throw new InvalidRecordException("Only a booked appointment's patient can arrive");
        }
        booking.changeStatus(AppointmentStatus.ARRIVED, Instant.now());
        updateAppointment(booking, json -> { });
        audit(doctorUsername, Role.DOCTOR, "update", "U", "TREAT", booking);
    }

    @Override
    public void complete(String doctorUsername, String appointmentId) {
        AppointmentBooking booking = doctorsBooking(doctorUsername, appointmentId);
        if (!booking.completableAt(Instant.now())) {
            throw new InvalidRecordException("An appointment is completed once the patient arrived or its time "
                    + "has come");
        }
        booking.changeStatus(AppointmentStatus.FULFILLED, Instant.now());
        updateAppointment(booking, json -> { });
        audit(doctorUsername, Role.DOCTOR, "update", "U", "TREAT", booking);
    }

    private PractitionerCredential bookableDoctor(String doctorUsername) {
        PractitionerCredential credential = doctorUsername == null ? null : callers.credentialOf(doctorUsername);
        if (credential == null || !credential.isVerified()) {
            throw new InvalidRecordException("Choose a doctor whose credentials are verified");
        }
        return credential;
    }

    private DoctorAvailability hoursOf(String doctorUsername) {
        DoctorAvailability hours = em.find(DoctorAvailability.class, doctorUsername);
        if (hours == null) {
            throw new InvalidRecordException("This doctor has not set the hours they see patients");
        }
        return hours;
    }

    private List<Instant> offeredStarts(DoctorAvailability hours) {
        ZoneId zone = MedLedgerSettings.appointmentTimeZone();
        Instant now = Instant.now();
        return hours.slotStarts(LocalDate.now(zone), MedLedgerSettings.appointmentBookingDays(), zone).stream()
                .filter(start -> start.isAfter(now)).toList();
    }

    /** A start the doctor's hours offer from now on; whether it is still free is the database's to decide. */
    private Instant offeredStart(DoctorAvailability hours, String slotKey) {
        Instant start;
        try {
            start = slotKey == null ? null : Instant.parse(slotKey);
        } catch (DateTimeParseException e) {
            start = null;
        }
        if (start == null || !offeredStarts(hours).contains(start)) {
            throw new InvalidRecordException("Choose one of the free times shown");
        }
        return start;
    }

    private List<FreeSlot> freeSlotsOfDoctor(String doctorUsername) {
        DoctorAvailability hours = em.find(DoctorAvailability.class, doctorUsername);
        if (hours == null) {
            return List.of();
        }
        List<Object[]> held = em.createQuery("SELECT a.startsAt, a.endsAt FROM AppointmentBooking a "
                        + "WHERE a.doctorUsername = :doctor AND a.heldStart IS NOT NULL AND a.endsAt > :now",
                        Object[].class)
                .setParameter("doctor", doctorUsername).setParameter("now", Instant.now()).getResultList();
        ZoneId zone = MedLedgerSettings.appointmentTimeZone();
        List<FreeSlot> free = new ArrayList<>();
        for (Instant start : offeredStarts(hours)) {
            Instant end = start.plus(hours.slotLength());
            if (held.stream().noneMatch(h -> ((Instant) h[0]).isBefore(end) && ((Instant) h[1]).isAfter(start))) {
                free.add(new FreeSlot(start.toString(), DAY.format(start.atZone(zone)),
                        TIME.format(start.atZone(zone))));
            }
        }
        return free;
    }

    /**
     * Refuses a slot that overlaps another live appointment starting at a different time (possible only after the
     * doctor changed their hours); one starting at the same time is refused by the unique slot constraint instead.
     */
    private void refuseOverlap(String doctorUsername, Instant start, Instant end, String except) {
        long overlapping = em.createQuery("SELECT COUNT(a) FROM AppointmentBooking a WHERE a.doctorUsername = :doctor "
                        + "AND a.heldStart IS NOT NULL AND a.startsAt <> :start AND a.startsAt < :end "
                        + "AND a.endsAt > :start AND a.appointmentId <> :except", Long.class)
                .setParameter("doctor", doctorUsername).setParameter("start", start).setParameter("end", end)
                .setParameter("except", except == null ? "" : except).getSingleResult();
        if (overlapping > 0) {
            throw new SlotTakenException();
        }
    }

    /** Writes the slot change now, so a second booking of the same slot fails here with a clear message. */
    private void holdSlot(Runnable change) {
        try {
            change.run();
            em.flush();
        } catch (PersistenceException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                String message = cause.getMessage();
                if (message != null && message.toLowerCase(Locale.ROOT).contains(SLOT_CONSTRAINT)) {
                    throw new SlotTakenException();
                }
            }
            throw e;
        }
    }

    private AppointmentBooking booking(String appointmentId) {
        AppointmentBooking booking = appointmentId == null || !appointmentId.matches("[A-Za-z0-9\\-.]{1,64}") ? null
                : em.find(AppointmentBooking.class, appointmentId);
        if (booking == null) {
            throw new RecordNotFoundException("Appointment");
        }
        return booking;
    }

    private AppointmentBooking doctorsBooking(String doctorUsername, String appointmentId) {
        callers.verifiedDoctor(doctorUsername);
        AppointmentBooking booking = booking(appointmentId);
        if (!doctorUsername.equals(booking.getDoctorUsername())) {
            throw new PortalAccessDeniedException("This appointment is with another doctor");
        }
        return booking;
    }

    private static boolean cancellable(AppointmentBooking booking, Instant now) {
        return (booking.getStatus() == AppointmentStatus.PENDING || booking.getStatus() == AppointmentStatus.BOOKED)
                && booking.getStartsAt().isAfter(now);
    }

    /** Brings the stored FHIR Appointment in line with the index row, plus the participant change given. */
    private void updateAppointment(AppointmentBooking booking, Consumer<ObjectNode> change) {
        StoredResource current = records.read("Appointment", booking.getAppointmentId()).filter(r -> !r.deleted())
                .orElseThrow(() -> new RecordNotFoundException("Appointment"));
        ObjectNode json = (ObjectNode) parse(current);
        change.accept(json);
        json.put("status", booking.getStatus().fhirCode()).put("start", booking.getStartsAt().toString())
                .put("end", booking.getEndsAt().toString());
        json.remove("meta");
        records.update("Appointment", booking.getAppointmentId(), json.toString(), current.version());
    }

    /** Sets the status of the patient's (0) or the doctor's (1) participation. */
    private static Consumer<ObjectNode> participant(int index, String status) {
        return json -> ((ObjectNode) json.path("participant").path(index)).put("status", status);
    }

    private AppointmentSummary summary(AppointmentBooking booking, String patientName, boolean cancellable,
                                       boolean forDoctor, Instant now) {
        JsonNode json = records.read("Appointment", booking.getAppointmentId()).map(PortalAppointmentsBean::parse)
                .orElseGet(JSON::createObjectNode);
        AppointmentStatus status = booking.getStatus();
        boolean open = status == AppointmentStatus.PENDING || status == AppointmentStatus.BOOKED;
        ZoneId zone = MedLedgerSettings.appointmentTimeZone();
        return new AppointmentSummary(booking.getAppointmentId(),
                callers.account(booking.getDoctorUsername(), Role.DOCTOR).getDisplayName(), patientName,
                DAY.format(booking.getStartsAt().atZone(zone)) + ", " + TIME.format(booking.getStartsAt().atZone(zone)),
                status.fhirCode(), json.path("reasonCode").path(0).path("text").asText(""), cancellable,
                forDoctor && status == AppointmentStatus.PENDING, forDoctor && open,
                forDoctor && status == AppointmentStatus.BOOKED, forDoctor && booking.completableAt(now));
    }

    private Map<String, String> patientNames(List<AppointmentBooking> bookings) {
        Map<String, String> names = new HashMap<>();
        if (bookings.isEmpty()) {
            return names;
        }
        List<String> references = bookings.stream().map(b -> "Patient/" + b.getPatientId()).distinct().toList();
        for (UserAccount account : em.createQuery("SELECT u FROM UserAccount u WHERE u.role = :patient "
                        + "AND u.fhirReference IN :references", UserAccount.class)
                .setParameter("patient", Role.PATIENT).setParameter("references", references).getResultList()) {
            names.put(account.getFhirReference().substring("Patient/".length()), account.getDisplayName());
        }
        return names;
    }

    private void audit(String username, Role role, String interaction, String action, String purpose,
                       AppointmentBooking booking) {
        audit(username, role, interaction, action, purpose, List.of("Appointment/" + booking.getAppointmentId(),
                "Patient/" + booking.getPatientId()));
    }

    private void audit(String username, Role role, String interaction, String action, String purpose,
                       List<String> references) {
        UserAccount user = callers.account(username, role);
        records.create("AuditEvent", AuditEvents.portalAccess(interaction, action, username, user.getDisplayName(),
                role.groupName(), purpose, references.subList(0, Math.min(50, references.size())),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }

    private static JsonNode parse(StoredResource resource) {
        try {
            return JSON.readTree(resource.json());
        } catch (IOException e) {
            throw new IllegalStateException("A stored version is not JSON", e);
        }
    }
}
