-- Break-glass declarations travel to ConsentRegistry with the consent changes; they carry a reason code.
ALTER TABLE consent_change ADD COLUMN reason_code VARCHAR(32);
ALTER TABLE consent_change ALTER COLUMN action SET DATA TYPE VARCHAR(16);
