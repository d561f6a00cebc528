package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Refuses a request whose declared body is larger than {@code medledger.http.max-post-size} (64 MiB by default, the
 * same limit the HTTP listener enforces on bodies of undeclared length) with 413 and an OperationOutcome, before
 * reading any of it.
 */
@Interceptor
public class RequestSizeLimit {

    static final long DEFAULT_LIMIT = 64L * 1024 * 1024;

    private final long limit;

    public RequestSizeLimit(long limit) {
        this.limit = limit;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean check(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length > limit) {
            throw new PayloadTooLargeException("The request body has " + length + " bytes; this server accepts at most "
                    + limit + " bytes per request (medledger.http.max-post-size)");
        }
        return true;
    }
}
