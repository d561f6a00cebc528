package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses (400) a request body that is not valid UTF-8 when it is declared as UTF-8 or declares no charset (FHIR's
 * default). HAPI would otherwise decode it with replacement characters and store a record whose text silently differs
 * from what the client sent.
 */
@Interceptor
public class Utf8RequestBodies {

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(RequestDetails request) {
        String method = request.getRequestType() == null ? "" : request.getRequestType().name();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return true;
        }
        String contentType = request.getHeader("Content-Type");
        String charset = charsetOf(contentType);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8")) {
            return true;
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return true; // the container has read these as parameters already
        }
        requireUtf8(request.loadRequestContents());
        return true;
    }

    /** Throws a 400 unless the body (possibly null or empty) is well-formed UTF-8. */
    static void requireUtf8(byte[] body) {
        if (body == null || body.length == 0) {
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            decoder.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("The request body is not valid UTF-8 (near byte " + bytes.position()
                    + "); FHIR content is UTF-8 unless the Content-Type names another charset");
        }
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String trimmed = part.trim().toLowerCase(Locale.ROOT);
            if (trimmed.startsWith("charset=")) {
                return trimmed.substring("charset=".length()).replace("\"", "").trim();
            }
        }
        return null;
    }
}
