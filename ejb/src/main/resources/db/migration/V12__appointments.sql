-- Appointments. Each is a FHIR Appointment stored (encrypted, hashed, anchored) through the record service; these
-- rows are only the index the portal lists, books and decides treating relationships by (no reason, no names).
-- held_start is the start time while the appointment holds its slot and NULL once cancelled: the unique constraint
-- then allows one live appointment per doctor and start, also for concurrent bookings, on H2 and PostgreSQL alike
-- (NULLs never collide in a unique constraint, so cancelled appointments free their slot).
CREATE TABLE appointment_booking (
    appointment_id   VARCHAR(64)  PRIMARY KEY,
    doctor_username  VARCHAR(64)  NOT NULL,
    patient_id       VARCHAR(64)  NOT NULL,
    starts_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    held_start       TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_appointment_slot UNIQUE (doctor_username, held_start)
);
CREATE INDEX ix_appointment_patient ON appointment_booking (patient_id, starts_at);
CREATE INDEX ix_appointment_doctor ON appointment_booking (doctor_username, starts_at);

-- A doctor's weekly hours: the ISO days of the week (1 Monday .. 7 Sunday) as digits, the hours in the hospital's
-- appointment time zone, and the slot length.
CREATE TABLE doctor_availability (
    doctor_username  VARCHAR(64)  PRIMARY KEY,
    weekdays         VARCHAR(7)   NOT NULL,
    start_hour       INTEGER      NOT NULL,
    end_hour         INTEGER      NOT NULL,
    slot_minutes     INTEGER      NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
