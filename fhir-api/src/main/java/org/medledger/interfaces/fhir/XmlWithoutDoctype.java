package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses (400) an XML request body with a document type declaration. FHIR XML carries no DTD, and HAPI's parser
 * would skip one silently (no entity is ever resolved, but a body declaring {@code <!ENTITY ... SYSTEM ...>} is an
 * attack, not a record to store).
 */
@Interceptor
public class XmlWithoutDoctype {

    /** How far into the body a DOCTYPE can start: after an XML declaration, comments and processing instructions. */
    private static final int PROLOG_SCAN = 64 * 1024;

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(RequestDetails request) {
        String contentType = request.getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("xml")) {
            return true;
        }
        requireNoDoctype(request.loadRequestContents());
        return true;
    }

    /** Throws a 400 when the XML body (possibly null or empty) declares a document type. */
    static void requireNoDoctype(byte[] body) {
        if (body == null || body.length == 0) {
            return;
        }
        String prolog = new String(body, 0, Math.min(body.length, PROLOG_SCAN), StandardCharsets.ISO_8859_1);
        if (declaresDoctype(prolog)) {
            throw new InvalidRequestException("FHIR XML must not have a document type declaration (<!DOCTYPE>)");
        }
    }

    /** Whether a DOCTYPE comes before the root element (skipping the declaration, comments and PIs). */
    static boolean declaresDoctype(String prolog) {
        int i = 0;
        while (i < prolog.length()) {
            char c = prolog.charAt(i);
            if (c != '<') {
                i++;
                continue;
            }
            if (prolog.startsWith("<?", i)) {
                int end = prolog.indexOf("?>", i + 2);
                if (end < 0) {
                    return false;
                }
                i = end + 2;
            } else if (prolog.startsWith("<!--", i)) {
                int end = prolog.indexOf("-->", i + 4);
                if (end < 0) {
                    return false;
                }
                i = end + 3;
            } else {
                return prolog.regionMatches(true, i, "<!DOCTYPE", 0, 9);
            }
        }
        return false;
    }
}
