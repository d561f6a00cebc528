package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.application.portal.PortalAppointments;
import org.medledger.application.portal.WeeklyHours;
import org.medledger.domain.model.appointment.DoctorAvailability;

/** Doctor: the weekly hours in which patients can book appointments. */
@Named
@ViewScoped
public class AvailabilityView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PortalAppointments appointments;

    @Inject
    private CurrentUser user;

    private List<String> days = new ArrayList<>(List.of("1", "2", "3", "4", "5"));
    private Integer startHour = 9;
    private Integer endHour = 17;
    private Integer slotMinutes = 30;
    private boolean saved;
    private String timeZone;

    @PostConstruct
    void load() {
        timeZone = appointments.timeZone();
        try {
            WeeklyHours hours = appointments.availabilityOf(user.username());
            if (hours != null) {
                days = new ArrayList<>(hours.days().stream().sorted().map(d -> String.valueOf(d.getValue())).toList());
                startHour = hours.startHour();
                endHour = hours.endHour();
                slotMinutes = hours.slotMinutes();
                saved = true;
            }
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("No access", e.getMessage());
        }
    }

    public void save() {
        Set<DayOfWeek> chosen = EnumSet.noneOf(DayOfWeek.class);
        for (String day : days == null ? List.<String>of() : days) {
            chosen.add(DayOfWeek.of(Integer.parseInt(day)));
        }
        try {
            appointments.setAvailability(user.username(), new WeeklyHours(chosen, startHour, endHour, slotMinutes));
            saved = true;
            PageMessages.info("Hours saved", "Patients can book your free times in these hours.");
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            PageMessages.error("Not saved", e.getMessage());
        }
    }

    public List<Integer> getStartHours() {
        return IntStream.rangeClosed(0, 23).boxed().toList();
    }

    public List<Integer> getEndHours() {
        return IntStream.rangeClosed(1, 24).boxed().toList();
    }

    public List<Integer> getSlotLengths() {
        return DoctorAvailability.SLOT_LENGTHS;
    }

    public List<String> getDays() { return days; }
    public void setDays(List<String> v) { days = v; }
    public Integer getStartHour() { return startHour; }
    public void setStartHour(Integer v) { startHour = v; }
    public Integer getEndHour() { return endHour; }
    public void setEndHour(Integer v) { endHour = v; }
    public Integer getSlotMinutes() { return slotMinutes; }
    public void setSlotMinutes(Integer v) { slotMinutes = v; }
    public boolean isSaved() { return saved; }
    public String getTimeZone() { return timeZone; }
}
