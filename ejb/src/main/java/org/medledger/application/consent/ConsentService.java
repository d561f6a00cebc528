package org.medledger.application.consent;

import java.util.List;
import org.medledger.domain.model.consent.AccessDecision;
import org.medledger.domain.model.consent.Accessor;
import org.medledger.domain.model.consent.ConsentChange;
import org.medledger.domain.model.consent.PurposeOfUse;
import org.medledger.domain.model.consent.ResourceCategory;

/** Consent decisions for patients held here, and where each Consent's changes stand on chain. */
public interface ConsentService {

    /** The policy's decision, now, for data of a patient held by this hospital. */
    AccessDecision decide(String patientId, Accessor accessor, ResourceCategory category, PurposeOfUse purpose);

    /**
     * The decision for data of a patient held here, or of no patient when {@code patientId} is null (always
     * permitted: practitioners, organizations and the like are not patient data).
     */
    AccessDecision decideForRecord(String patientId, Accessor accessor, ResourceCategory category,
                                   PurposeOfUse purpose);

    /**
     * Break-glass: the accessor declares an emergency for a patient held here. It allows emergency treatment
     * (ETREAT) at once here and, once mined, at every member; it is recorded on chain, written as an AuditEvent
     * flagged for review, and shown in the patient's access history.
     *
     * @param reasonCode a short code (letters, digits, '-', at most 31)
     * @param accessorDisplay who declared it, as the audit trail names them (a client id, never a person's name)
     */
    void declareEmergency(String patientId, Accessor accessor, String reasonCode, String accessorDisplay);

    /** This hospital's member id (its account address, padded), the custodian of every record held here. */
    String custodian();

    /** The grants and revocations a Consent resource made, oldest first. */
    List<ConsentChange> changesOf(String consentId);

    /** The address of {@code ConsentRegistry} on the chain this server follows; empty before the first contact. */
    String registryAddress();

    /** The last block whose consent events this server has applied. */
    long followedBlock();
}
