package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.application.portal.TransactionRecords;
import org.medledger.application.portal.UserTransactions;

/** Ledger operator and auditor: the chain transactions taken on behalf of a user chosen by username. */
@Named
@ViewScoped
public class TransactionRecordsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private TransactionRecords transactionRecords;

    @Inject
    private CurrentUser user;

    private String username;
    private UserTransactions found;

    public void search() {
        try {
            found = transactionRecords.of(user.username(), username);
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            found = null;
            PageMessages.error("Cannot show transactions", e.getMessage());
        }
    }

    public UserTransactions getFound() { return found; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
}
