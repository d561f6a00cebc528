package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A backend client's create, update, patch or delete and the AuditEvent that records it commit in one JTA
 * transaction: the record service's write and {@link AccessAudit}'s AuditEvent both join the transaction begun here
 * once the request is authorized, and it commits after the audit is written. A write never stands without its audit
 * record, and a failure to store the record undoes the write. A refused or failed write is rolled back before its
 * refusal is audited in a transaction of its own. Bundles keep their own unit of work.
 */
@Interceptor
public class AuditedWrites {

    private static final Logger LOG = Logger.getLogger(AuditedWrites.class.getName());
    private static final String OPEN = AuditedWrites.class.getName() + ".open";
    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    private final UserTransaction transaction;

    public AuditedWrites(UserTransaction transaction) {
        this.transaction = transaction;
    }

    /** After authorization and the consent check on the write (both run at lower orders and may refuse it). */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = 1000)
    public void begin(RequestDetails request, RestOperationTypeEnum operation) {
        if (!WRITES.contains(operation) || BackendAuthorization.grantOf(request).isEmpty()) {
            return;
        }
        try {
            transaction.begin();
        } catch (Exception e) {
            throw RecordExceptionTranslator.toFhir(e, "begin " + request.getRequestType() + " "
                    + request.getResourceName());
        }
        request.getUserData().put(OPEN, Boolean.TRUE);
    }

    /** After {@link AccessAudit#released} (order 100) has written the AuditEvent into the open transaction. */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 2000)
    public boolean commit(RequestDetails request) {
        if (request.getUserData().remove(OPEN) == null) {
            return true;
        }
        try {
            transaction.commit();
        } catch (Exception e) {
            rollBack(request);
            throw RecordExceptionTranslator.toFhir(e, "commit " + request.getRequestType() + " "
                    + request.getResourceName());
        }
        return true;
    }

    /** Before {@link AccessAudit#refused} writes the refusal, so it is not part of the undone write. */
    @Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = -1000)
    public boolean rollBackOnFailure(RequestDetails request) {
        if (request.getUserData().remove(OPEN) != null) {
            rollBack(request);
        }
        return true;
    }

    /** Whatever ended the request, no transaction begun here outlives it on the worker thread. */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void leaveNoTransaction(RequestDetails request) {
        if (request.getUserData().remove(OPEN) != null) {
            rollBack(request);
        }
    }

    private void rollBack(RequestDetails request) {
        try {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
        } catch (SystemException | IllegalStateException | SecurityException e) {
            // the transaction manager ends it at its time-out; nothing of it was committed
            LOG.log(Level.WARNING, "Could not roll back the transaction of " + request.getRequestType() + " "
                    + request.getResourceName(), e);
        }
    }
}
