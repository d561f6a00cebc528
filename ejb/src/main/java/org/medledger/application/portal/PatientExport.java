package org.medledger.application.portal;

import java.io.IOException;
import java.io.OutputStream;

/** A patient's copy of everything held about them here, as one FHIR Bundle; audited as a read. */
public interface PatientExport {

    /**
     * Writes a FHIR R4 JSON Bundle of type {@code collection}: the signed-in patient's Patient resource, every current
     * resource of their compartment (what {@code Patient/[id]/$everything} returns) and the Binaries holding their
     * documents' content.
     */
    void writeMyRecords(String patientUsername, OutputStream out) throws IOException;
}
