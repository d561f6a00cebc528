package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private static final SecretKeySpec KEY = new SecretKeySpec(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), "HmacSHA256");
    private final BlindIndex index = new BlindIndex(KEY);

    @Test
    void namesDifferingOnlyInCaseAndOuterSpaceIndexAlike() {
        assertEquals(index.ofName("testpatient"), index.ofName("  TESTPATIENT "));
        assertEquals(index.ofName("testpatient alpha"), index.ofName("  Testpatient   Alpha\t"));
    }

    @Test
    void compatibilityFormsOfTheSameNameIndexAlike() {
        // full-width letters and the ligature U+FB01 fold under NFKC
        assertEquals(index.ofName("Testpatient Alpha"), index.ofName("\uFF34estpatient Alpha"));
        assertEquals(index.ofName("fina"), index.ofName("\uFB01na"));
    }

    @Test
    void differentNamesIndexDifferently() {
        assertNotEquals(index.ofName("Testpatient Alpha"), index.ofName("Testpatient Beta"));
    }

    @Test
    void indexIsHmacSha256OfTheNormalizedValueInHex() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(KEY);
        String expected = HexFormat.of().formatHex(mac.doFinal("testpatient alpha".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, index.ofName(" Testpatient Alpha "));
        assertEquals(64, expected.length());
    }

    @Test
    void identifiersAreSystemBarValueAndCaseSensitive() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(KEY);
        String expected = HexFormat.of().formatHex(
                mac.doFinal("urn:oid:2.999.1|MRN-0001".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, index.ofIdentifier(" urn:oid:2.999.1 ", " MRN-0001 "));
        assertNotEquals(index.ofIdentifier("urn:oid:2.999.1", "MRN-0001"), index.ofIdentifier("urn:oid:2.999.1", "mrn-0001"));
        assertNotEquals(index.ofIdentifier("urn:oid:2.999.1", "MRN-0001"), index.ofIdentifier("urn:oid:2.999.2", "MRN-0001"));
        assertEquals(index.ofIdentifier(null, "X1"), index.ofIdentifier("", "X1"));
    }

    @Test
    void anotherKeyGivesUnrelatedIndexes() {
        BlindIndex other = new BlindIndex(new SecretKeySpec(new byte[32], "HmacSHA256"));
        assertNotEquals(index.ofName("Testpatient Alpha"), other.ofName("Testpatient Alpha"));
    }

    @Test
    void indexDoesNotContainTheValue() {
        String hashed = index.ofName("Testpatient Alpha");
        assertTrue(hashed.matches("[0-9a-f]{64}"));
    }

    @Test
    void blankIdentifierValueAndShortKeyAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> index.ofIdentifier("urn:oid:2.999.1", "  "));
        assertThrows(IllegalArgumentException.class, () -> new BlindIndex(new SecretKeySpec(new byte[8], "HmacSHA256")));
    }
}
