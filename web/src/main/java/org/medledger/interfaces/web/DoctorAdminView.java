package org.medledger.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.medledger.domain.model.identity.Role;

/** Admin: register a doctor, and verify or reject doctors' credentials. */
@Named
@ViewScoped
public class DoctorAdminView extends ClinicianAdminView {

    private static final long serialVersionUID = 1L;

    @Override
    Role role() {
        return Role.DOCTOR;
    }
}
