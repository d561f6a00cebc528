package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.medledger.application.portal.ClinicalRecords;
import org.medledger.application.portal.PatientSummary;
import org.medledger.application.portal.PortalAccessDeniedException;

/** Doctor or nurse: the patients whose records they may see, searchable by name. */
@Named
@ViewScoped
public class MyPatientsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private ClinicalRecords clinical;

    @Inject
    private CurrentUser user;

    private String query;
    private List<PatientSummary> patients = List.of();

    public void search() {
        try {
            patients = clinical.patientsOf(user.username(), query);
        } catch (PortalAccessDeniedException e) {
            patients = List.of();
            PageMessages.error("No access", e.getMessage());
        }
    }

    public List<PatientSummary> getPatients() {
        return patients;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }
}
