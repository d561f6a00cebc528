package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.AccessRequestForm;
import org.medledger.application.portal.AccessRequestSummary;
import org.medledger.application.portal.AccessRequests;
import org.medledger.application.portal.PatientMatch;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.domain.model.consent.ResourceCategory;

/** Doctor: find a patient by identifier or exact name, ask them for access, and see my requests' outcomes. */
@Named
@ViewScoped
public class DoctorRequestsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AccessRequests requests;

    @Inject
    private CurrentUser user;

    private String query;
    private PatientMatch match;
    private List<String> categories = new ArrayList<>(List.of("demographics", "observations"));
    private List<String> purposes = new ArrayList<>(List.of("TREAT"));
    private String reason;
    private List<AccessRequestSummary> mine = List.of();

    @PostConstruct
    void load() {
        try {
            mine = requests.requestsOf(user.username());
        } catch (PortalAccessDeniedException e) {
            PageMessages.error("No access", e.getMessage());
        }
    }

    public void find() {
        match = null;
        try {
            match = requests.find(user.username(), query);
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            PageMessages.error("Not found", e.getMessage());
        }
    }

    public void request() {
        try {
            requests.request(user.username(), match == null ? null : match.patientId(),
                    new AccessRequestForm(categories, purposes, reason));
            PageMessages.info("Request sent", "The patient is notified and answers on their consents page.");
            match = null;
            query = reason = null;
        } catch (InvalidRecordException | PortalAccessDeniedException e) {
            PageMessages.error("Not sent", e.getMessage());
        }
        load();
    }

    public List<String> getCategoryCodes() {
        return Arrays.stream(ResourceCategory.values()).map(ResourceCategory::code).toList();
    }

    public PatientMatch getMatch() { return match; }
    public List<AccessRequestSummary> getMine() { return mine; }
    public String getQuery() { return query; }
    public void setQuery(String v) { query = v; }
    public List<String> getCategories() { return categories; }
    public void setCategories(List<String> v) { categories = v; }
    public List<String> getPurposes() { return purposes; }
    public void setPurposes(List<String> v) { purposes = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
