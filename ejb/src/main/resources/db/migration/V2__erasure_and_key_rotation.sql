-- Crypto-shredding: an erased version keeps its hash and ciphertext but loses its data key for good.
ALTER TABLE record_version ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE record_version ALTER COLUMN wrapped_key DROP NOT NULL;
CREATE INDEX ix_record_version_kek ON record_version (kek_version);
