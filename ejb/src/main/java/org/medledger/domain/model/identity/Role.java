package org.medledger.domain.model.identity;

/** Portal roles; the names are the Jakarta Security group names used in web.xml. */
public enum Role {
    ADMIN, DOCTOR, NURSE, PATIENT, AUDITOR, OPERATOR;

    public String groupName() {
        return name().toLowerCase();
    }
}
