package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.medledger.application.access.AccessGrant;
import org.medledger.application.consent.ConsentService;
import org.medledger.application.consent.ConsentTerms;
import org.medledger.domain.model.consent.AccessDecision;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.ConsentChange;
import org.medledger.domain.model.consent.MemberId;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;

/**
 * Consent operations. {@code $break-glass} is for backend clients (see its method). The others are for the
 * hospital's administrators (bearer token, like the other administrative operations):
 * {@code Patient/{id}/$consent-decision} asks the policy what it would decide for an accessor, category and
 * purpose, naming the rule; {@code Consent/{id}/$ledger-status} shows where the consent's grants and revocations
 * stand on chain.
 */
public class ConsentOperations {

    private final ConsentService consents;

    public ConsentOperations(ConsentService consents) {
        this.consents = consents;
    }

    @Operation(name = "$consent-decision", type = Patient.class, idempotent = true)
    public Parameters decision(@IdParam IdType patient,
                               @OperationParam(name = "accessor-hospital", min = 1) StringType hospital,
                               @OperationParam(name = "accessor-practitioner") StringType practitioner,
                               @OperationParam(name = "category", min = 1) StringType category,
                               @OperationParam(name = "purpose", min = 1) StringType purpose,
                               RequestDetails request) {
        AdministrativeOperations.requireAdministrator(request);
        String hospitalId;
        try {
            hospitalId = MemberId.ofAddress(required(hospital, "accessor-hospital"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("accessor-hospital must be a member's account address (0x and 40 hex digits)");
        }
        Accessor accessor = practitioner == null || practitioner.isEmpty() ? Accessor.hospitalSystem(hospitalId)
                : Accessor.clinician(hospitalId, practitionerId(practitioner.getValue()), false);
        ResourceCategory resourceCategory = ResourceCategory.ofCode(required(category, "category"))
                .orElseThrow(() -> new InvalidRequestException("Unknown category; see the consent category codes"));
        PurposeOfUse purposeOfUse = PurposeOfUse.ofCode(required(purpose, "purpose"))
                .orElseThrow(() -> new InvalidRequestException("Unknown purpose of use"));
        AccessDecision decision = consents.decide(patient.getIdPart(), accessor, resourceCategory, purposeOfUse);
        Parameters out = new Parameters();
        out.addParameter().setName("outcome").setValue(new StringType(decision.outcome().name().toLowerCase()
                .replace('_', '-')));
        out.addParameter().setName("rule").setValue(new StringType(decision.rule()));
        if (decision.consentId() >= 0) {
            out.addParameter().setName("consentId").setValue(new StringType(Long.toString(decision.consentId())));
        }
        out.addParameter().setName("followedBlock").setValue(new StringType(Long.toString(consents.followedBlock())));
        return out;
    }

    /**
     * {@code POST Patient/{id}/$break-glass} with a {@code reason} code, by a backend client: declares an emergency,
     * after which reads with {@code X-Purpose-Of-Use: ETREAT} are allowed for the break-glass window.
     */
    @Operation(name = "$break-glass", type = Patient.class)
    public Parameters breakGlass(@IdParam IdType patient,
                                 @OperationParam(name = "reason", min = 1) StringType reason,
                                 RequestDetails request) {
        AccessGrant grant = BackendAuthorization.grantOf(request).orElseThrow(() -> new ForbiddenOperationException(
                "Break-glass needs an identified accessor: call it with a SMART access token"));
        Accessor accessor = Accessor.hospitalSystem(grant.memberAddress() == null ? consents.custodian()
                : MemberId.ofAddress(grant.memberAddress()));
        consents.declareEmergency(patient.getIdPart(), accessor, required(reason, "reason"),
                "backend client " + grant.clientId());
        Parameters out = new Parameters();
        out.addParameter().setName("declared").setValue(new BooleanType(true));
        out.addParameter().setName("purposeOfUse").setValue(new StringType(PurposeOfUse.ETREAT.name()));
        return out;
    }

    @Operation(name = "$ledger-status", type = Consent.class, idempotent = true)
    public Parameters ledgerStatus(@IdParam IdType consent, RequestDetails request) {
        AdministrativeOperations.requireAdministrator(request);
        Parameters out = new Parameters();
        out.addParameter().setName("registry").setValue(new StringType(consents.registryAddress()));
        out.addParameter().setName("followedBlock").setValue(new StringType(Long.toString(consents.followedBlock())));
        for (ConsentChange change : consents.changesOf(consent.getIdPart())) {
            var part = out.addParameter().setName("change");
            part.addPart().setName("action").setValue(new StringType(change.getAction().name().toLowerCase()));
            part.addPart().setName("version").setValue(new IntegerType(change.getConsentVersion()));
            part.addPart().setName("state").setValue(new StringType(change.getState().name().toLowerCase()));
            if (change.getTxHash() != null) {
                part.addPart().setName("txHash").setValue(new StringType(change.getTxHash()));
            }
            if (change.getBlockNumber() != null) {
                part.addPart().setName("block").setValue(new StringType(change.getBlockNumber().toString()));
            }
            if (change.getOnchainConsentId() != null) {
                part.addPart().setName("consentId").setValue(new StringType(change.getOnchainConsentId().toString()));
            }
            if (change.getFailure() != null) {
                part.addPart().setName("failure").setValue(new StringType(change.getFailure()));
            }
        }
        return out;
    }

    /** A practitioner named as {@code system|value} has the grantee id a Consent naming that identifier gets. */
    private static String practitionerId(String token) {
        int bar = token.indexOf('|');
        if (bar <= 0 || bar == token.length() - 1) {
            throw new InvalidRequestException("accessor-practitioner must be an identifier as system|value");
        }
        return ConsentTerms.granteeOf(token.substring(0, bar), token.substring(bar + 1));
    }

    private static String required(StringType value, String name) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException("The parameter " + name + " is required");
        }
        return value.getValue().strip();
    }
}
