package org.medledger.application.consent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
     * The patient (if they have a portal login) and the auditors are notified.
     *
     * @param reasonCode a short code (letters, digits, '-', at most 31)
     * @param accessorDisplay who declared it, as the audit trail and the notifications name them (a backend
     *                        client's id, or a doctor's name as the portal shows it; never a patient's name)
     * @return the id of the AuditEvent that records the declaration and flags it for review
     */
    String declareEmergency(String patientId, Accessor accessor, String reasonCode, String accessorDisplay);

    /** When the break-glass window the accessor opened for a patient held here closes, if one is open now. */
    Optional<Instant> emergencyUntil(String patientId, Accessor accessor);

    /** This hospital's member id (its account address, padded), the custodian of every record held here. */
    String custodian();

    /** The grants and revocations a Consent resource made, oldest first. */
    List<ConsentChange> changesOf(String consentId);

    /** The address of {@code ConsentRegistry} on the chain this server follows; empty before the first contact. */
    String registryAddress();

    /** The last block whose consent events this server has applied. */
    long followedBlock();
}
