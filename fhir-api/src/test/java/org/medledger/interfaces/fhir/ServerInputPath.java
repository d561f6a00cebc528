package org.medledger.interfaces.fhir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordSealer;
import org.medledger.infrastructure.crypto.CanonicalJson;

/**
 * What the server does with a request body before and while storing it, in process, so a fuzzer can drive it: the
 * body checks of {@link Utf8RequestBodies} and {@link XmlWithoutDoctype}, then HAPI's
 * parser from the same FHIR context the {@link MedLedgerFhirServer} uses (HAPI's server reads the body through a
 * UTF-8 reader and turns a {@link DataFormatException} into a 400), the server's {@link ResourceValidation}, the JSON
 * encoding the providers store, the canonical form {@code RecordSealer} hashes and encrypts, and the parse every
 * later read of the stored version does. Every failure goes through {@link RecordExceptionTranslator}, as it does in
 * the server; a translated status of 500 or more, or any {@link Error}, is a finding.
 */
final class ServerInputPath {

    /** The server's context: {@code MedLedgerFhirServer} is built on {@code FhirContext.forR4Cached()}. */
    static final FhirContext FHIR = FhirContext.forR4Cached();
    /** One validator for the JVM, as the server has one: building it loads every R4 definition. */
    static final ResourceValidation VALIDATION = new ResourceValidation(FHIR, true);
    /** Configured as {@code RecordServiceBean}'s reader: decimals exactly as written. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private ServerInputPath() {
    }

    /** Parses a body of any resource type the way HAPI's server does for the given {@code Content-Type}. */
    static IBaseResource parse(byte[] body, EncodingEnum encoding) {
        return parse(body, encoding, null);
    }

    /**
     * Parses a body the way HAPI's server does for the given {@code Content-Type}, as the type the URL names (null:
     * any type, then the URL's provider is the one for the type found).
     */
    static <T extends IBaseResource> T parse(byte[] body, EncodingEnum encoding, Class<T> type) {
        // The server's interceptors see the body first.
        Utf8RequestBodies.requireUtf8(body);
        if (encoding == EncodingEnum.XML) {
            XmlWithoutDoctype.requireNoDoctype(body);
        }
        IParser parser = encoding.newParser(FHIR);
        InputStreamReader reader = new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
        try {
            @SuppressWarnings("unchecked")
            T parsed = type == null ? (T) parser.parseResource(reader) : parser.parseResource(type, reader);
            return parsed;
        } catch (DataFormatException e) {
            throw new InvalidRequestException("Failed to parse request body as " + encoding.name() + " resource. "
                    + e.getMessage());
        }
    }

    /**
     * The single-resource write path up to the database: validate, encode as JSON, canonicalize, and read the
     * canonical form back as every later read does.
     */
    static void write(IBaseResource resource) {
        VALIDATION.requireValid(resource, "");
        byte[] canonical = stored(FHIR.newJsonParser().encodeResourceToString(resource));
        FHIR.newJsonParser().parseResource(resource.getClass(), new String(canonical, StandardCharsets.UTF_8));
    }

    /**
     * The canonical bytes the record service stores for a version's JSON: read as a JSON object as
     * {@code RecordServiceBean} does, then {@link RecordSealer#canonicalForm}. The canonical form is a fixed point.
     */
    static byte[] stored(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new InvalidRecordException("The body is not valid JSON");
        }
        if (!(tree instanceof ObjectNode resource)) {
            throw new InvalidRecordException("A FHIR resource must be a JSON object");
        }
        byte[] canonical = RecordSealer.canonicalForm(resource);
        assertArrayEquals(canonical, CanonicalJson.fhir().canonicalize(canonical), "canonical JSON is not stable");
        return canonical;
    }

    /**
     * Runs one request's work and requires the outcome a client would get to be success or a 4xx: a failure is
     * translated exactly as {@link RecordExceptionTranslator} does in the server.
     */
    static void requireSuccessOrClientError(Runnable request) {
        try {
            request.run();
        } catch (RuntimeException e) {
            BaseServerResponseException answered = RecordExceptionTranslator.toFhir(e, "fuzz input");
            if (answered.getStatusCode() >= 500) {
                throw new AssertionError("The server would answer " + answered.getStatusCode() + " to this input", e);
            }
            assertTrue(answered.getStatusCode() >= 400, "an error must be a 4xx: " + answered.getStatusCode());
        }
    }
}
