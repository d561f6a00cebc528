package org.medledger.application.portal;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.util.Set;

/** A doctor's weekly availability as the availability page edits it: days, hours (appointment time zone), slot. */
public record WeeklyHours(Set<DayOfWeek> days, Integer startHour, Integer endHour, Integer slotMinutes)
        implements Serializable {
}
