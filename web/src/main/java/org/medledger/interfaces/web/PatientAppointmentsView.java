package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.VersionConflictException;
import org.medledger.application.portal.AppointmentSummary;
import org.medledger.application.portal.DoctorChoice;
import org.medledger.application.portal.FreeSlot;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.application.portal.PortalAppointments;
import org.medledger.application.portal.SlotTakenException;

/** Patient: a doctor's free times, booking one, my appointments and cancelling one (after confirming). */
@Named
@ViewScoped
public class PatientAppointmentsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PortalAppointments appointments;

    @Inject
    private CurrentUser user;

    private List<DoctorChoice> doctors;
    private List<AppointmentSummary> mine;
    private List<FreeSlot> slots = List.of();
    private String doctor;
    private String shownDoctor;
    private String slot;
    private String reason;
    private String cancelling;

    @PostConstruct
    void load() {
        doctors = appointments.bookableDoctors(user.username());
        mine = appointments.myAppointments(user.username());
    }

    public void showSlots() {
        try {
            slots = appointments.freeSlots(user.username(), doctor);
            shownDoctor = doctor;
            if (slots.isEmpty()) {
                PageMessages.error("No free times", "This doctor has no free time in the coming days.");
            }
        } catch (InvalidRecordException e) {
            slots = List.of();
            PageMessages.error("No free times", e.getMessage());
        }
    }

    public void book() {
        try {
            appointments.book(user.username(), shownDoctor, slot, reason);
            PageMessages.info("Appointment requested", "The doctor confirms it; its status shows below.");
            slot = null;
            reason = null;
        } catch (SlotTakenException | InvalidRecordException | PortalAccessDeniedException e) {
            PageMessages.error("Not booked", e.getMessage());
        }
        doctor = shownDoctor;
        showSlots();
        mine = appointments.myAppointments(user.username());
    }

    public void askToCancel(String appointmentId) {
        cancelling = appointmentId;
    }

    public void keep() {
        cancelling = null;
    }

    public void cancel() {
        try {
            appointments.cancel(user.username(), cancelling);
            PageMessages.info("Appointment cancelled", "Its time is free for others again.");
        } catch (InvalidRecordException | PortalAccessDeniedException | RecordNotFoundException
                 | VersionConflictException e) {
            PageMessages.error("Not cancelled", e.getMessage());
        }
        cancelling = null;
        mine = appointments.myAppointments(user.username());
    }

    public List<SelectItem> getSlotChoices() {
        return SlotChoices.byDay(slots);
    }

    public List<DoctorChoice> getDoctors() { return doctors; }
    public List<AppointmentSummary> getMine() { return mine; }
    public boolean isSlotsShown() { return !slots.isEmpty(); }
    public String getDoctor() { return doctor; }
    public void setDoctor(String v) { doctor = v; }
    public String getSlot() { return slot; }
    public void setSlot(String v) { slot = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
    public String getCancelling() { return cancelling; }
}
