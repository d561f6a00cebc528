package org.medledger.infrastructure.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    private static String jcs(String json) {
        return new String(CanonicalJson.rfc8785().canonicalize(json), StandardCharsets.UTF_8);
    }

    private static String fhir(String json) {
        return new String(CanonicalJson.fhir().canonicalize(json), StandardCharsets.UTF_8);
    }

    @Test
    void rfc8785MainExampleCanonicalizesToThePublishedBytes() {
        // RFC 8785 §3.2.2 sample input and §3.2.3 output
        String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
                + "              2e-3, 0.000000000000000000000000001],\n"
                + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
                + "  \"literals\": [null, true, false]\n}";
        String expected = "{\"literals\":[null,true,false],"
                + "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                + "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
        assertEquals(expected, jcs(input));
    }

    @Test
    void rfc8785SortingExampleOrdersMembersByUtf16CodeUnits() {
        // RFC 8785 §3.2.3: the emoji (surrogate D83D) sorts before U+FB33 although its code point is higher
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\","
                + "\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertEquals(expected, jcs(input));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // RFC 8785 Appendix B: IEEE-754 bit pattern, expected serialization
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2"
    })
    void rfc8785AppendixBNumbersSerializeAsEcmaScriptDoes(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertEquals("[" + expected + "]", jcs("[" + Double.toString(value) + "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400"})
    void rfc8785RejectsNumbersOutsideTheDoubleRange(String literal) {
        assertThrows(CanonicalizationException.class, () -> jcs("[" + literal + "]"));
    }

    @Test
    void fhirRuleKeepsDecimalPrecisionAsWritten() {
        String input = "{ \"valueQuantity\": { \"value\": 1.0, \"unit\": \"mg\" }, \"b\": 0.010, \"a\": 1e2,"
                + " \"big\": 3.14159265358979323846264338327950288 }";
        assertEquals("{\"a\":1e2,\"b\":0.010,\"big\":3.14159265358979323846264338327950288,"
                + "\"valueQuantity\":{\"unit\":\"mg\",\"value\":1.0}}", fhir(input));
    }

    @Test
    void strictRuleNormalizesTheSameDecimalThatFhirRuleKeeps() {
        assertEquals("[1,0.01]", jcs("[1.0, 0.010]"));
        assertEquals("[1.0,0.010]", fhir("[1.0, 0.010]"));
    }

    @Test
    void sameValueWithDifferentLayoutGivesIdenticalBytes() {
        String a = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Testpatient\",\"given\":[\"Alpha\"]}],\"active\":true}";
        String b = "{\n  \"active\" : true,\n  \"name\" : [ { \"given\" : [ \"Alpha\" ], \"family\" : \"Testpatient\" } ],\n"
                + "  \"resourceType\" : \"Patient\"\n}\n";
        assertArrayEquals(CanonicalJson.fhir().canonicalize(a), CanonicalJson.fhir().canonicalize(b));
        assertArrayEquals(CanonicalJson.fhir().canonicalize(a),
                CanonicalJson.fhir().canonicalize(b.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void controlCharactersAreEscapedAndOtherCharactersWrittenAsUtf8() {
        assertEquals("\"\\u0000\\u001f\\b\\t\\n\\f\\r\u007f\u2028/\u00e9\"",
                jcs("\"\\u0000\\u001F\\b\\t\\n\\f\\r\\u007f\\u2028\\/\u00e9\""));
        assertArrayEquals(new byte[] {'"', (byte) 0xc3, (byte) 0xa9, '"'}, CanonicalJson.fhir().canonicalize("\"\\u00e9\""));
    }

    @Test
    void duplicateMemberNamesAreRejectedWithoutEchoingContent() {
        CanonicalizationException e = assertThrows(CanonicalizationException.class,
                () -> fhir("{\"birthDate\":\"1970-01-01\",\"name\":\"Testpatient Alpha\",\"name\":\"Testpatient Beta\"}"));
        assertFalse(e.getMessage().contains("Testpatient"), e.getMessage());
        assertThrows(CanonicalizationException.class, () -> fhir("{\"a\":{\"x\":1,\"x\":1}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":1,}", "[1 2]", "{'a':1}", "{\"a\":01}", "NaN", "[1] [2]",
            "{\"a\":1} x", "// comment\n{}", "{\"a\":\"Testpatient\u0001Secret\"}", "[.5]", "[+1]"})
    void nonJsonInputIsRejectedWithoutEchoingContent(String input) {
        CanonicalizationException e = assertThrows(CanonicalizationException.class, () -> fhir(input));
        assertFalse(e.getMessage().contains("Testpatient"), e.getMessage());
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
        assertEquals(null, e.getCause(), "the parser's exception may quote the input; it must not be attached");
    }

    @Test
    void loneSurrogatesAreRejected() {
        assertThrows(CanonicalizationException.class, () -> jcs("[\"\\ud800\"]"));
        assertThrows(CanonicalizationException.class, () -> jcs("{\"\\udead\":1}"));
    }

    @Test
    void invalidUtf8BytesAreRejected() {
        byte[] invalid = {'[', '"', (byte) 0xc3, '"', ']'};
        assertThrows(CanonicalizationException.class, () -> CanonicalJson.fhir().canonicalize(invalid));
    }

    @Test
    void stringsLongerThanJacksonsDefaultCapAreAccepted() {
        String base64 = "A".repeat(21_000_000); // an inline Binary of about 15 MB
        byte[] out = CanonicalJson.fhir().canonicalize("{\"data\":\"" + base64 + "\"}");
        assertEquals(base64.length() + 11, out.length);
    }

    @Test
    void scalarsAndEmptyContainersAreCanonicalToo() {
        assertEquals("{}", fhir(" { } "));
        assertEquals("[]", fhir("[ ]"));
        assertEquals("null", fhir(" null "));
        assertEquals("[true,false,\"\",-0]", fhir("[true, false, \"\", -0]"));
        assertEquals("[0]", jcs("[-0]"));
    }
}
