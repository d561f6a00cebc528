-- Doctors' credentials as the administrator reviews them: pending, verified or rejected (with the reason).
-- Only a verified doctor's portal login may see patient data; the licence is the doctor's consent grantee id.
CREATE TABLE practitioner_credential (
    username        VARCHAR(64)  PRIMARY KEY,
    licence_system  VARCHAR(128) NOT NULL,
    licence_id      VARCHAR(64)  NOT NULL,
    speciality      VARCHAR(128),
    status          VARCHAR(16)  NOT NULL,
    reason          VARCHAR(256),
    reviewed_at     TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_practitioner_licence UNIQUE (licence_system, licence_id)
);
