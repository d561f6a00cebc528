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
import org.medledger.application.portal.FreeSlot;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.application.portal.PortalAppointments;
import org.medledger.application.portal.SlotTakenException;

/** Doctor: appointment requests and bookings; accept, reschedule, record the arrival, complete. */
@Named
@ViewScoped
public class DoctorAppointmentsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PortalAppointments appointments;

    @Inject
    private CurrentUser user;

    private List<AppointmentSummary> list = List.of();
    private AppointmentSummary rescheduling;
    private List<FreeSlot> slots = List.of();
    private String slot;

    @PostConstruct
    void load() {
        try {
            list = appointments.appointmentsOf(user.username());
        } catch (PortalAccessDeniedException e) {
            list = List.of();
            PageMessages.error("No access", e.getMessage());
        }
    }

    public void accept(String appointmentId) {
        change(() -> appointments.accept(user.username(), appointmentId), "Appointment accepted",
                "The patient sees it as booked.");
    }

    public void markArrived(String appointmentId) {
        change(() -> appointments.markArrived(user.username(), appointmentId), "Arrival recorded",
                "Complete the appointment when it is over.");
    }

    public void complete(String appointmentId) {
        change(() -> appointments.complete(user.username(), appointmentId), "Appointment completed",
                "It is recorded as fulfilled.");
    }

    public void startRescheduling(AppointmentSummary appointment) {
        rescheduling = appointment;
        slot = null;
        slots = appointments.freeSlotsOf(user.username());
    }

    public void keepTime() {
        rescheduling = null;
    }

    public void reschedule() {
        String appointmentId = rescheduling.appointmentId();
        if (change(() -> appointments.reschedule(user.username(), appointmentId, slot), "Appointment moved",
                "The patient sees the new time.")) {
            rescheduling = null;
        } else {
            slots = appointments.freeSlotsOf(user.username());
        }
    }

    private boolean change(Runnable action, String done, String detail) {
        try {
            action.run();
            PageMessages.info(done, detail);
            return true;
        } catch (SlotTakenException | InvalidRecordException | PortalAccessDeniedException | RecordNotFoundException
                 | VersionConflictException e) {
            PageMessages.error("Not changed", e.getMessage());
            return false;
        } finally {
            load();
        }
    }

    public List<SelectItem> getSlotChoices() {
        return SlotChoices.byDay(slots);
    }

    public List<AppointmentSummary> getList() { return list; }
    public AppointmentSummary getRescheduling() { return rescheduling; }
    public String getSlot() { return slot; }
    public void setSlot(String v) { slot = v; }
}
