package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordVersionHashTest {

    @Test
    void hashIsSha256OfTheCanonicalBytes() {
        // FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                RecordVersionHash.of("abc".getBytes(StandardCharsets.US_ASCII)).hex());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                RecordVersionHash.of(new byte[0]).hex());
    }

    @Test
    void equalContentGivesEqualHashesAndAnyChangeDiffers() {
        byte[] canonical = CanonicalJson.fhir().canonicalize("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1.0}}");
        byte[] reordered = CanonicalJson.fhir().canonicalize("{\"valueQuantity\":{\"value\":1.0},\"resourceType\":\"Observation\"}");
        byte[] lessPrecise = CanonicalJson.fhir().canonicalize("{\"resourceType\":\"Observation\",\"valueQuantity\":{\"value\":1}}");
        assertEquals(RecordVersionHash.of(canonical), RecordVersionHash.of(reordered));
        assertEquals(RecordVersionHash.of(canonical).hashCode(), RecordVersionHash.of(reordered).hashCode());
        assertNotEquals(RecordVersionHash.of(canonical), RecordVersionHash.of(lessPrecise));
    }

    @Test
    void hexAndBytesRoundTrip() {
        RecordVersionHash hash = RecordVersionHash.of(new byte[] {1, 2, 3});
        assertEquals(hash, RecordVersionHash.fromHex(hash.hex()));
        assertEquals(hash, RecordVersionHash.fromHex("0x" + hash.hex()));
        assertEquals(hash, RecordVersionHash.fromBytes(hash.bytes()));
        assertEquals(hash.hex(), hash.toString());
    }

    @Test
    void bytesAreDefensivelyCopied() {
        RecordVersionHash hash = RecordVersionHash.of(new byte[] {1});
        byte[] copy = hash.bytes();
        copy[0] ^= 1;
        assertNotEquals(RecordVersionHash.fromBytes(copy), hash);
        byte[] source = hash.bytes();
        RecordVersionHash wrapped = RecordVersionHash.fromBytes(source);
        source[0] ^= 1;
        assertEquals(hash, wrapped);
    }

    @Test
    void wrongLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RecordVersionHash.fromBytes(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> RecordVersionHash.fromHex("abcd"));
    }
}
