-- A verified doctor's request to a patient for access to their records, and the patient's answer. An approval
-- is a Consent (consent_id) made through the ordinary consent path; the request keeps only the patient's id.
CREATE TABLE patient_access_request (
    id               VARCHAR(36)  PRIMARY KEY,
    patient_id       VARCHAR(64)  NOT NULL,
    doctor_username  VARCHAR(64)  NOT NULL,
    categories       VARCHAR(512) NOT NULL,
    purposes         VARCHAR(128) NOT NULL,
    reason           VARCHAR(500) NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    answer           VARCHAR(500),
    consent_id       VARCHAR(64),
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_access_request_patient ON patient_access_request (patient_id, status);
CREATE INDEX ix_access_request_doctor ON patient_access_request (doctor_username, requested_at);

-- A break-glass declared from the portal: the AuditEvent that flags it, and the doctor's own words, which stay
-- here and never go on chain (the chain gets the reason code only).
CREATE TABLE emergency_declaration (
    audit_event_id   VARCHAR(64)  PRIMARY KEY,
    patient_id       VARCHAR(64)  NOT NULL,
    doctor_username  VARCHAR(64)  NOT NULL,
    reason_code      VARCHAR(32)  NOT NULL,
    details          VARCHAR(1000) NOT NULL,
    declared_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An auditor's review of an AuditEvent flagged review-required (the event itself is anchored and never changed).
CREATE TABLE flagged_event_review (
    audit_event_id   VARCHAR(64)  PRIMARY KEY,
    reviewer         VARCHAR(64)  NOT NULL,
    note             VARCHAR(1000) NOT NULL,
    reviewed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What the portal tells one user: a request to answer, an answer, a break-glass on their records, a flagged event.
CREATE TABLE portal_notification (
    id               VARCHAR(36)  PRIMARY KEY,
    recipient        VARCHAR(64)  NOT NULL,
    kind             VARCHAR(32)  NOT NULL,
    message          VARCHAR(500) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at          TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_notification_recipient ON portal_notification (recipient, created_at);
