package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PatientPseudonymTest {

    private static final byte[] SALT = "consortium-test-salt-32-bytes-xx".getBytes(StandardCharsets.US_ASCII);
    private static final String SYSTEM = "urn:oid:2.999.7.1";

    @Test
    void pseudonymIsHmacSha256OfSystemBarValueKeyedWithTheSalt() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SALT, "HmacSHA256"));
        byte[] expected = mac.doFinal((SYSTEM + "|TEST-0001").getBytes(StandardCharsets.UTF_8));
        PatientPseudonym pseudonym = PatientPseudonym.of(SALT, SYSTEM, "TEST-0001");
        assertArrayEquals(expected, pseudonym.bytes());
        assertEquals(32, pseudonym.bytes().length);
    }

    @Test
    void twoHospitalsWithTheSameSaltDeriveTheSamePseudonym() {
        PatientPseudonym atHospitalA = PatientPseudonym.of(SALT, SYSTEM, "TEST-0001");
        PatientPseudonym atHospitalB = PatientPseudonym.of(SALT.clone(), " " + SYSTEM, "TEST-0001 ");
        assertEquals(atHospitalA, atHospitalB);
        assertEquals(atHospitalA.hashCode(), atHospitalB.hashCode());
        assertEquals(atHospitalA, PatientPseudonym.fromBytes(atHospitalB.bytes()));
    }

    @Test
    void differentSaltOrIdentifierGivesAnUnlinkablePseudonym() {
        byte[] otherSalt = SALT.clone();
        otherSalt[0] ^= 1;
        PatientPseudonym p = PatientPseudonym.of(SALT, SYSTEM, "TEST-0001");
        assertNotEquals(p, PatientPseudonym.of(otherSalt, SYSTEM, "TEST-0001"));
        assertNotEquals(p, PatientPseudonym.of(SALT, SYSTEM, "TEST-0002"));
        assertNotEquals(p, PatientPseudonym.of(SALT, SYSTEM, "test-0001"));
    }

    @Test
    void incompleteIdentifierOrShortSaltIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> PatientPseudonym.of(SALT, "", "TEST-0001"));
        assertThrows(IllegalArgumentException.class, () -> PatientPseudonym.of(SALT, SYSTEM, " "));
        assertThrows(IllegalArgumentException.class, () -> PatientPseudonym.of(new byte[8], SYSTEM, "TEST-0001"));
        assertThrows(IllegalArgumentException.class, () -> PatientPseudonym.fromBytes(new byte[20]));
    }
}
