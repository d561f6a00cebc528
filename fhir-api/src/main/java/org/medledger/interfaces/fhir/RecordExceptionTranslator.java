package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordErasedException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.search.InvalidSearchException;
import org.medledger.infrastructure.crypto.CanonicalizationException;
import org.medledger.infrastructure.crypto.PayloadIntegrityException;
import org.medledger.application.VersionConflictException;

/**
 * Turns the application layer's exceptions into FHIR errors (an OperationOutcome with the right
 * HTTP status). Anything unexpected becomes a 500 whose message names no internals; the cause is
 * logged without request content.
 */
@Interceptor
public class RecordExceptionTranslator {

    private static final Logger LOG = Logger.getLogger(RecordExceptionTranslator.class.getName());
    /** What a client is told to wait before retrying while the database is out of reach. */
    private static final int RETRY_AFTER_SECONDS = 10;

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(RequestDetails request, Throwable thrown,
                                                 HttpServletRequest servletRequest) {
        return toFhir(thrown, request.getRequestType() + " " + request.getResourceName());
    }

    /**
     * The FHIR error for an exception from any layer.
     *
     * @param context what was being done, for the log only (never request content)
     */
    static BaseServerResponseException toFhir(Throwable thrown, String context) {
        Throwable cause = unwrap(thrown);
        if (cause instanceof BaseServerResponseException known) {
            return known;
        }
        if (cause instanceof ca.uhn.fhir.parser.DataFormatException) {
            return new InvalidRequestException("The content is not a valid FHIR R4 resource: " + cause.getMessage());
        }
        if (cause instanceof RuntimeException && thrownByHapiParser(cause)) {
            // HAPI's parser fails on some malformed content with a bare runtime exception (found by fuzzing: a JSON
            // member with an empty name is a StringIndexOutOfBoundsException, a Bundle entry's XML resource element
            // without a resource a NullPointerException); it is still the client's content.
            return new InvalidRequestException("The content is not a valid FHIR R4 resource");
        }
        if (cause instanceof RecordNotFoundException) {
            return new ResourceNotFoundException(cause.getMessage());
        }
        if (cause instanceof InvalidRecordException || cause instanceof InvalidSearchException) {
            return new InvalidRequestException(cause.getMessage());
        }
        if (cause instanceof CanonicalizationException) {
            // Content HAPI accepts but JSON canonicalization cannot represent, e.g. a lone UTF-16 surrogate.
            return new InvalidRequestException("The content cannot be stored as canonical JSON: " + cause.getMessage());
        }
        if (cause instanceof RecordErasedException) {
            return new ResourceGoneException(cause.getMessage());
        }
        if (cause instanceof PayloadIntegrityException) {
            LOG.severe("INTEGRITY ALERT on " + context + ": " + cause.getMessage());
            return new InternalErrorException("The stored content failed its integrity check and cannot be returned; "
                    + "the incident is logged for the integrity team");
        }
        if (cause instanceof VersionConflictException) {
            return new PreconditionFailedException(cause.getMessage());
        }
        if (databaseUnavailable(thrown)) {
            LOG.warning(() -> "The database is unavailable while handling " + context + "; answered 503");
            UnclassifiedServerFailureException unavailable = new UnclassifiedServerFailureException(503,
                    "The database is unavailable; nothing was stored. Retry in a few seconds");
            unavailable.addResponseHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            return unavailable;
        }
        LOG.log(Level.SEVERE, "Unexpected failure handling " + context, cause);
        return new InternalErrorException("The server could not complete the request; the incident is logged");
    }

    /**
     * Whether the failure is the database being out of reach (connection refused or lost, pool unable to connect):
     * a condition to wait out, not a defect. SQLState class 08 is "connection exception", 57P "operator intervention"
     * (PostgreSQL shutting down); IJ000453 is the connection pool failing to get a connection.
     */
    static boolean databaseUnavailable(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t.getClass().getName().endsWith("JDBCConnectionException")
                    || (t.getMessage() != null && t.getMessage().contains("IJ000453"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure happened while HAPI's parser was reading content (before any of this server's frames). */
    private static boolean thrownByHapiParser(Throwable cause) {
        for (StackTraceElement frame : cause.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("org.medledger.")) {
                return false;
            }
            if (type.startsWith("ca.uhn.fhir.parser.") && (type.contains("ParserState")
                    || frame.getMethodName().startsWith("parse") || frame.getMethodName().equals("doXmlLoop"))) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof InternalErrorException || current instanceof jakarta.ejb.EJBException
                || current instanceof org.medledger.application.WorkRolledBackException
                || current.getClass().getName().startsWith("java.lang.reflect."))
                && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
