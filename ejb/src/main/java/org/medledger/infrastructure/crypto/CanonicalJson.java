package org.medledger.infrastructure.crypto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Deterministic JSON per RFC 8785 (JSON Canonicalization Scheme): object members sorted by their names' UTF-16 code
 * units, no insignificant whitespace, strings escaped as JCS prescribes (only {@code "}, {@code \}, and controls
 * below U+0020 are escaped; {@code \b \t \n \f \r} by name, the rest as lower-case <code>&#92;u00xx</code>), output UTF-8.
 * The canonical form is computed from the parsed JSON tree, so the same JSON value always gives the same bytes
 * whatever its whitespace or member order.
 *
 * <p>Numbers follow one of two rules, chosen by the factory method:
 * <ul>
 *   <li>{@link #fhir()} — every number keeps its lexical form exactly as written ({@code 1.0} stays {@code 1.0},
 *       {@code 0.010} stays {@code 0.010}). This is the rule for FHIR resources, on purpose: FHIR R4 gives a
 *       decimal's precision meaning and the canonical bytes are the stored record, so JCS's IEEE-754 round trip
 *       (which turns {@code 1.0} into {@code 1} and drops digits past 17) would silently alter clinical values.
 *       Two inputs that differ only in how a number is written therefore hash differently.</li>
 *   <li>{@link #rfc8785()} — strict JCS: each number is read as an IEEE-754 double and written the way ECMAScript's
 *       {@code Number.prototype.toString} writes it (shortest round-tripping digits); NaN and infinities, including
 *       literals too large for a double, are rejected.</li>
 * </ul>
 *
 * <p>Rejected with {@link CanonicalizationException}: anything that is not one complete JSON text (RFC 8259, UTF-8,
 * no comments, no trailing content), duplicate member names within an object, and strings or names holding a lone
 * surrogate (RFC 8785 §3.2.2.2). Instances are immutable and thread-safe.
 */
public final class CanonicalJson {

    /** How numbers are written in the canonical form. */
    public enum NumberRule {
        /** The number's literal text from the input, unchanged. */
        AS_WRITTEN,
        /** RFC 8785 §3.2.2.3: IEEE-754 double, serialized as ECMAScript does. */
        ECMASCRIPT
    }

    // The whole input is already in memory, so a cap on one string's length protects nothing and would refuse a
    // large inline Binary; Jackson's caps on nesting depth and number length stay at their defaults.
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final CanonicalJson FHIR = new CanonicalJson(NumberRule.AS_WRITTEN);
    private static final CanonicalJson RFC_8785 = new CanonicalJson(NumberRule.ECMASCRIPT);

    private final NumberRule numberRule;

    private CanonicalJson(NumberRule numberRule) {
        this.numberRule = numberRule;
    }

    /** JCS with numbers kept as written: the canonical form of FHIR resource versions. */
    public static CanonicalJson fhir() {
        return FHIR;
    }

    /** Strict RFC 8785 JCS, numbers normalized as ECMAScript does. */
    public static CanonicalJson rfc8785() {
        return RFC_8785;
    }

    public NumberRule numberRule() {
        return numberRule;
    }

    /** Canonical UTF-8 bytes of a UTF-8 encoded JSON text. */
    public byte[] canonicalize(byte[] json) {
        Objects.requireNonNull(json, "json");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CanonicalizationException("JSON input is not valid UTF-8");
        }
        return canonicalize(text);
    }

    /** Canonical UTF-8 bytes of a JSON text. */
    public byte[] canonicalize(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode tree = parse(json);
        StringBuilder out = new StringBuilder(json.length());
        write(tree, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    // Numbers are kept in the tree as their literal text (RawValue) so that either rule can be applied on output.
    private static JsonNode parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new CanonicalizationException("JSON input is empty");
            }
            JsonNode root = readValue(parser, first);
            if (parser.nextToken() != null) {
                throw new CanonicalizationException("Unexpected content after the JSON value" + at(parser));
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the input; report the position only.
            throw new CanonicalizationException("Input is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw new CanonicalizationException("JSON input could not be read");
        }
    }

    private static JsonNode readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String name = parser.currentName();
                    if (object.has(name)) {
                        throw new CanonicalizationException("Duplicate member name in a JSON object" + at(parser));
                    }
                    object.set(name, readValue(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(readValue(parser, t));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return NODES.rawValueNode(new RawValue(parser.getText()));
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new CanonicalizationException("Unexpected JSON token" + at(parser));
        }
    }

    private void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            names.sort(null); // String.compareTo orders by UTF-16 code units, exactly as RFC 8785 §3.2.3 requires
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            writeString(node.textValue(), out);
        } else if (node instanceof POJONode && ((POJONode) node).getPojo() instanceof RawValue) {
            String literal = ((RawValue) ((POJONode) node).getPojo()).rawValue().toString();
            out.append(numberRule == NumberRule.AS_WRITTEN ? literal : ecmaScript(literal));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNull()) {
            out.append("null");
        } else {
            throw new IllegalStateException("Unexpected JSON node type " + node.getNodeType());
        }
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) {
                throw new CanonicalizationException("JSON string holds a lone surrogate, which has no UTF-8 form");
            }
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\f': out.append("\\f"); break;
                case '\r': out.append("\\r"); break;
                default:
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /** ECMAScript Number::toString of the double nearest to a JSON number literal (ECMA-262 §6.1.6.1.20). */
    static String ecmaScript(String literal) {
        double value = Double.parseDouble(literal);
        if (!Double.isFinite(value)) {
            throw new CanonicalizationException("JSON number is outside the IEEE-754 double range");
        }
        if (value == 0) {
            return "0"; // also for -0
        }
        BigDecimal shortest = shortestRoundTrip(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = digits × 10^(n−k)
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits);
            for (int i = k; i < n; i++) {
                out.append('0');
            }
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.");
            for (int i = n; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    // Fewest significant digits that still read back as the same double; of two candidates, the nearer, then even.
    private static BigDecimal shortestRoundTrip(double positive) {
        BigDecimal exact = new BigDecimal(positive);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = Double.parseDouble(down.toString()) == positive;
            boolean upOk = Double.parseDouble(up.toString()) == positive;
            if (downOk && upOk) {
                int nearer = exact.subtract(down).compareTo(up.subtract(exact));
                if (nearer < 0) {
                    return down.stripTrailingZeros();
                }
                if (nearer > 0) {
                    return up.stripTrailingZeros();
                }
                return (down.unscaledValue().testBit(0) ? up : down).stripTrailingZeros();
            }
            if (downOk) {
                return down.stripTrailingZeros();
            }
            if (upOk) {
                return up.stripTrailingZeros();
            }
        }
        throw new IllegalStateException("17 significant digits always round-trip a double");
    }

    private static String at(JsonParser parser) {
        return at(parser.currentLocation());
    }

    private static String at(JsonLocation location) {
        if (location == null) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
