package org.medledger.domain.model.appointment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A doctor's weekly hours: on the chosen days of the week, slots of one length from the start to the end hour. */
@Entity
@Table(name = "doctor_availability")
public class DoctorAvailability {

    public static final List<Integer> SLOT_LENGTHS = List.of(15, 20, 30, 45, 60);

    @Id
    @Column(name = "doctor_username", length = 64)
    private String doctorUsername;

    /** ISO day numbers as digits, e.g. "135" for Monday, Wednesday and Friday. */
    @Column(name = "weekdays", nullable = false, length = 7)
    private String weekdays;

    @Column(name = "start_hour", nullable = false)
    private int startHour;

    @Column(name = "end_hour", nullable = false)
    private int endHour;

    @Column(name = "slot_minutes", nullable = false)
    private int slotMinutes;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DoctorAvailability() {
    }

    public DoctorAvailability(String doctorUsername) {
        this.doctorUsername = doctorUsername;
    }

    /**
     * Sets the hours; the caller has checked them with {@link #problemWith}.
     */
    public void set(Set<DayOfWeek> days, int fromHour, int toHour, int minutes, Instant now) {
        weekdays = days.stream().sorted().map(d -> String.valueOf(d.getValue())).collect(Collectors.joining());
        startHour = fromHour;
        endHour = toHour;
        slotMinutes = minutes;
        updatedAt = now;
    }

    /** What is wrong with these hours, in words naming the field, or null when they make sense. */
    public static String problemWith(Set<DayOfWeek> days, Integer fromHour, Integer toHour, Integer minutes) {
        if (days == null || days.isEmpty()) {
            return "Choose at least one day of the week";
        }
        if (fromHour == null || fromHour < 0 || fromHour > 23) {
            return "Choose the hour your appointments start";
        }
        if (toHour == null || toHour < 1 || toHour > 24) {
            return "Choose the hour your appointments end";
        }
        if (toHour <= fromHour) {
            return "The end hour must be after the start hour";
        }
        if (minutes == null || !SLOT_LENGTHS.contains(minutes)) {
            return "Choose a slot length of " + SLOT_LENGTHS.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " minutes";
        }
        return null;
    }

    /** The start of every slot on the available days from {@code firstDay} for {@code days} days, in order. */
    public List<Instant> slotStarts(LocalDate firstDay, int days, ZoneId zone) {
        List<Instant> starts = new ArrayList<>();
        Set<DayOfWeek> open = getDays();
        for (LocalDate day = firstDay; day.isBefore(firstDay.plusDays(days)); day = day.plusDays(1)) {
            if (!open.contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime end = day.atStartOfDay(zone).plusHours(endHour);
            for (ZonedDateTime start = day.atStartOfDay(zone).plusHours(startHour);
                 !start.plusMinutes(slotMinutes).isAfter(end); start = start.plusMinutes(slotMinutes)) {
                starts.add(start.toInstant());
            }
        }
        return starts;
    }

    public Duration slotLength() {
        return Duration.ofMinutes(slotMinutes);
    }

    public Set<DayOfWeek> getDays() {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        weekdays.chars().forEach(c -> days.add(DayOfWeek.of(c - '0')));
        return days;
    }

    public int getStartHour() {
        return startHour;
    }

    public int getEndHour() {
        return endHour;
    }

    public int getSlotMinutes() {
        return slotMinutes;
    }
}
