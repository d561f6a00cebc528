package org.medledger.domain.model.appointment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DoctorAvailabilityTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void slotsFillTheHoursOfTheChosenDaysOnlyInTheHospitalsTimeZone() {
        DoctorAvailability hours = new DoctorAvailability("doc");
        hours.set(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), 9, 11, 45, NOW);
        // 2026-12-07 is a Monday; the week has one Monday and one Wednesday
        List<Instant> starts = hours.slotStarts(LocalDate.of(2026, 12, 7), 7, ZoneId.of("Europe/Zurich"));
        assertEquals(List.of(Instant.parse("2026-12-07T08:00:00Z"), Instant.parse("2026-12-07T08:45:00Z"),
                Instant.parse("2026-12-09T08:00:00Z"), Instant.parse("2026-12-09T08:45:00Z")), starts,
                "a 45-minute slot from 10:30 would end after 11:00, so it is not offered");
    }

    @Test
    void daysRoundTripThroughTheStoredDigits() {
        DoctorAvailability hours = new DoctorAvailability("doc");
        hours.set(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.TUESDAY), 8, 18, 30, NOW);
        assertEquals(EnumSet.of(DayOfWeek.TUESDAY, DayOfWeek.SUNDAY), hours.getDays());
    }

    @Test
    void problemsNameTheField() {
        Set<DayOfWeek> monday = EnumSet.of(DayOfWeek.MONDAY);
        assertEquals("Choose at least one day of the week", DoctorAvailability.problemWith(Set.of(), 8, 18, 30));
        assertEquals("The end hour must be after the start hour", DoctorAvailability.problemWith(monday, 18, 8, 30));
        assertEquals("Choose a slot length of 15, 20, 30, 45, 60 minutes",
                DoctorAvailability.problemWith(monday, 8, 18, 25));
        assertNull(DoctorAvailability.problemWith(monday, 0, 24, 60));
    }
}
