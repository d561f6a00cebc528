package org.medledger.interfaces.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import org.medledger.domain.model.identity.Role;

/** Admin: register a nurse, and verify or reject nurses' credentials. */
@Named
@ViewScoped
public class NurseAdminView extends ClinicianAdminView {

    private static final long serialVersionUID = 1L;

    @Override
    Role role() {
        return Role.NURSE;
    }
}
