package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OneTimePasswordsTest {

    /** RFC 6238 appendix B: the SHA-1 seed is the ASCII digits 1234567890 twice. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void computesTheRfc6238Sha1TestVectors(long unixSeconds, String expected) {
        long step = OneTimePasswords.stepAt(Instant.ofEpochSecond(unixSeconds));
        assertEquals(expected, OneTimePasswords.code(RFC_SEED, step, 8));
    }

    @Test
    void acceptsTheCodeOfTheStepBeforeAndAfterButNotTwoSteps() {
        Instant now = Instant.ofEpochSecond(1_111_111_111);
        long step = OneTimePasswords.stepAt(now);
        for (long drift = -1; drift <= 1; drift++) {
            String code = OneTimePasswords.code(RFC_SEED, step + drift, 6);
            assertEquals(step + drift, OneTimePasswords.matchingStep(RFC_SEED, code, now));
        }
        assertEquals(-1, OneTimePasswords.matchingStep(RFC_SEED, OneTimePasswords.code(RFC_SEED, step + 2, 6), now));
        assertEquals(-1, OneTimePasswords.matchingStep(RFC_SEED, OneTimePasswords.code(RFC_SEED, step - 2, 6), now));
    }

    @Test
    void refusesInputThatIsNotSixDigits() {
        Instant now = Instant.ofEpochSecond(59);
        assertEquals(-1, OneTimePasswords.matchingStep(RFC_SEED, "94287082", now), "eight digits");
        assertEquals(-1, OneTimePasswords.matchingStep(RFC_SEED, "28708 ", now));
        assertEquals(-1, OneTimePasswords.matchingStep(RFC_SEED, null, now));
    }

    @Test
    void encodesBase32AsRfc4648WithoutPadding() {
        assertEquals("", OneTimePasswords.base32(new byte[0]));
        assertEquals("MY", OneTimePasswords.base32("f".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YQ", OneTimePasswords.base32("foob".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("MZXW6YTBOI", OneTimePasswords.base32("foobar".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", OneTimePasswords.base32(RFC_SEED));
    }
}
