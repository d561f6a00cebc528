package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.VersionConflictException;
import org.medledger.application.portal.ConsentRequest;
import org.medledger.application.portal.ConsentSummary;
import org.medledger.application.portal.Grantee;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.application.portal.PortalConsents;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;

/** Patient: the consents I gave, granting a new one and revoking one. */
@Named
@ViewScoped
public class ConsentsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private PortalConsents consents;

    @Inject
    private CurrentUser user;

    private List<Grantee> grantees;
    private List<ConsentSummary> given;
    private String grantee;
    private List<String> categories = new ArrayList<>(List.of("observations", "conditions"));
    private List<String> purposes = new ArrayList<>(List.of("TREAT"));
    private LocalDate until;

    @PostConstruct
    void load() {
        grantees = consents.grantees();
        given = consents.consentsOf(user.username());
    }

    public void grant() {
        try {
            consents.grant(user.username(), new ConsentRequest(grantee, categories, purposes, until));
            PageMessages.info("Consent given", "It is recorded on the consortium's chain in a few seconds.");
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            PageMessages.error("Not given", e.getMessage());
        }
        load();
    }

    public void revoke(String consentId) {
        try {
            consents.revoke(user.username(), consentId);
            PageMessages.info("Consent revoked", "Access ends at once here and at every member once mined.");
        } catch (InvalidRecordException | PortalAccessDeniedException | RecordNotFoundException
                 | VersionConflictException e) {
            PageMessages.error("Not revoked", e.getMessage());
        }
        load();
    }

    public List<String> getCategoryCodes() {
        return java.util.Arrays.stream(ResourceCategory.values()).map(ResourceCategory::code).toList();
    }

    public List<String> getPurposeCodes() {
        return java.util.Arrays.stream(PurposeOfUse.values()).map(Enum::name).toList();
    }

    public List<Grantee> getGrantees() { return grantees; }
    public List<ConsentSummary> getGiven() { return given; }
    public String getGrantee() { return grantee; }
    public void setGrantee(String v) { grantee = v; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> v) { categories = v; }
    public List<String> getPurposes() { return purposes; }
    public void setPurposes(List<String> v) { purposes = v; }
    public LocalDate getUntil() { return until; }
    public void setUntil(LocalDate v) { until = v; }
}
