package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.medledger.application.IntegritySweepReport;
import org.medledger.application.IntegritySweepService;
import org.medledger.application.KeyRotationService;
import org.medledger.application.KeyRotationStatus;
import org.medledger.infrastructure.config.MedLedgerSettings;
import java.util.Date;

/**
 * Server-level operations for the hospital's administrators: integrity sweep and key rotation.
 * They require the administrative bearer token ({@code medledger.admin.token}); without one
 * configured they are refused.
 */
public class AdministrativeOperations {

    private final IntegritySweepService sweeps;
    private final KeyRotationService rotation;

    public AdministrativeOperations(IntegritySweepService sweeps, KeyRotationService rotation) {
        this.sweeps = sweeps;
        this.rotation = rotation;
    }

    @Operation(name = "$integrity-sweep")
    public Parameters integritySweep(RequestDetails request) {
        requireAdministrator(request);
        IntegritySweepReport report = sweeps.sweep("api");
        Parameters out = new Parameters();
        out.addParameter().setName("startedAt").setValue(new DateTimeType(Date.from(report.startedAt())));
        out.addParameter().setName("checked").setValue(new IntegerType(Math.toIntExact(report.checked())));
        out.addParameter().setName("matched").setValue(new IntegerType(Math.toIntExact(report.matched())));
        out.addParameter().setName("pending").setValue(new IntegerType(Math.toIntExact(report.pending())));
        out.addParameter().setName("erased").setValue(new IntegerType(Math.toIntExact(report.erased())));
        out.addParameter().setName("mismatched").setValue(new IntegerType(Math.toIntExact(report.mismatched())));
        for (String finding : report.mismatches()) {
            out.addParameter().setName("mismatch").setValue(new StringType(finding));
        }
        return out;
    }

    @Operation(name = "$rotate-keys")
    public Parameters rotateKeys(RequestDetails request) {
        requireAdministrator(request);
        return status(rotation.rotate());
    }

    @Operation(name = "$key-rotation-status", idempotent = true)
    public Parameters keyRotationStatus(RequestDetails request) {
        requireAdministrator(request);
        return status(rotation.status());
    }

    private static Parameters status(KeyRotationStatus status) {
        Parameters out = new Parameters();
        out.addParameter().setName("currentKek").setValue(new StringType(status.currentKek()));
        out.addParameter().setName("rewrapped").setValue(new IntegerType(Math.toIntExact(status.rewrapped())));
        out.addParameter().setName("toRewrap").setValue(new IntegerType(Math.toIntExact(status.toRewrap())));
        out.addParameter().setName("running").setValue(new BooleanType(status.running()));
        status.retired().forEach(v -> out.addParameter().setName("retired").setValue(new StringType(v)));
        status.held().forEach(v -> out.addParameter().setName("held").setValue(new StringType(v)));
        return out;
    }

    static void requireAdministrator(RequestDetails request) {
        String configured = MedLedgerSettings.value("medledger.admin.token").orElseThrow(() ->
                new ForbiddenOperationException("Administrative operations are disabled on this server "
                        + "(no medledger.admin.token is configured)"));
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw new AuthenticationException("Administrative operations need the administrator's bearer token");
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, configured.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenOperationException("The bearer token is not the administrator's");
        }
    }
}
