package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ResearchPseudonymTest {

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "HmacSHA256");
    }

    @Test
    void idsAreStablePerKeyAndUnlinkableAcrossKeysAndResources() {
        SecretKeySpec key = randomKey();
        ResearchPseudonym one = new ResearchPseudonym(key);
        String id = one.idOf("Patient", "7f3c");
        assertTrue(id.matches("deid-[0-9a-f]{32}"), id);
        assertEquals(id, new ResearchPseudonym(key).idOf("Patient", "7f3c"), "the same key gives the same id");
        assertNotEquals(id, new ResearchPseudonym(randomKey()).idOf("Patient", "7f3c"), "another key, another id");
        assertNotEquals(id, one.idOf("Observation", "7f3c"), "the type is part of what is hashed");
        assertNotEquals(id, one.idOf("Patient", "7f3d"));
    }

    @Test
    void dateShiftsAreNeverZeroStayInRangeAndSpreadBothWays() {
        byte[] fixed = new byte[32];
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = (byte) i;
        }
        ResearchPseudonym pseudonym = new ResearchPseudonym(new SecretKeySpec(fixed, "HmacSHA256"));
        Set<Integer> seen = new HashSet<>();
        for (int patient = 0; patient < 5_000; patient++) {
            int shift = pseudonym.dateShiftDays("patient-" + patient);
            assertTrue(shift != 0 && Math.abs(shift) <= ResearchPseudonym.MAX_SHIFT_DAYS, "shift " + shift);
            seen.add(shift);
            assertEquals(shift, pseudonym.dateShiftDays("patient-" + patient), "stable per patient");
        }
        assertTrue(seen.contains(-ResearchPseudonym.MAX_SHIFT_DAYS) && seen.contains(ResearchPseudonym.MAX_SHIFT_DAYS)
                && seen.contains(-1) && seen.contains(1), "the whole range is used");
        assertTrue(seen.size() > 300, "shifts are spread: " + seen.size() + " distinct of 364");
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new ResearchPseudonym(new SecretKeySpec(new byte[8], "HmacSHA256")));
    }
}
