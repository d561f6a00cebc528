package org.medledger.domain.model.consent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current consent state, rebuilt from {@code ConsentRegistry}'s events and kept in memory so that a decision
 * costs a hash lookup, not a chain call. Reads are lock-free (immutable per-pair arrays in concurrent maps); the
 * follower applies events one at a time. Applying an event twice is harmless, so a replay from block zero after a
 * restart, or a local revocation applied before its transaction is mined, ends in the same state.
 */
public final class ConsentView {

    private static final ConsentGrant[] NONE = new ConsentGrant[0];

    /** patient → grantee → that pair's consents, oldest first. */
    private final Map<String, Map<String, ConsentGrant[]>> byPatient = new ConcurrentHashMap<>();
    private final Map<Long, ConsentGrant> byId = new ConcurrentHashMap<>();
    private final Map<String, EmergencyAccess[]> emergencies = new ConcurrentHashMap<>();

    /** Adds a granted consent, or refreshes one already known (a revocation already seen stays). */
    public synchronized void apply(ConsentGrant grant) {
        ConsentGrant known = byId.get(grant.consentId());
        ConsentGrant current = known != null && known.revoked() ? grant.asRevoked() : grant;
        byId.put(current.consentId(), current);
        replaceInPair(current);
    }

    /** Marks a consent revoked; final. Returns false when the consent is unknown (its grant not seen yet). */
    public synchronized boolean revoke(long consentId) {
        ConsentGrant known = byId.get(consentId);
        if (known == null) {
            return false;
        }
        if (!known.revoked()) {
            ConsentGrant revoked = known.asRevoked();
            byId.put(consentId, revoked);
            replaceInPair(revoked);
        }
        return true;
    }

    public synchronized void apply(EmergencyAccess access) {
        EmergencyAccess[] known = emergencies.getOrDefault(access.patient(), new EmergencyAccess[0]);
        if (Arrays.asList(known).contains(access)) {
            return;
        }
        EmergencyAccess[] updated = Arrays.copyOf(known, known.length + 1);
        updated[known.length] = access;
        emergencies.put(access.patient(), updated);
    }

    /** The newest consent of the pair that covers the category for the purpose at {@code at}, if any. */
    public Optional<ConsentGrant> covering(String patient, String grantee, ResourceCategory category,
                                           PurposeOfUse purpose, long at) {
        Map<String, ConsentGrant[]> ofPatient = byPatient.get(patient);
        ConsentGrant[] grants = ofPatient == null ? NONE : ofPatient.getOrDefault(grantee, NONE);
        for (int i = grants.length - 1; i >= 0; i--) {
            if (grants[i].covers(category, purpose, at)) {
                return Optional.of(grants[i]);
            }
        }
        return Optional.empty();
    }

    /** The newest emergency the accessor declared for the patient between {@code from} and {@code to}, if any. */
    public Optional<EmergencyAccess> emergencyBetween(String patient, String accessor, long from, long to) {
        EmergencyAccess[] declared = emergencies.getOrDefault(patient, new EmergencyAccess[0]);
        for (int i = declared.length - 1; i >= 0; i--) {
            if (declared[i].accessor().equals(accessor) && declared[i].at() >= from
                    && declared[i].at() <= to) {
                return Optional.of(declared[i]);
            }
        }
        return Optional.empty();
    }

    public Optional<ConsentGrant> consent(long consentId) {
        return Optional.ofNullable(byId.get(consentId));
    }

    /** Every consent a patient has given, revoked ones included, oldest first. */
    public List<ConsentGrant> consentsOf(String patient) {
        List<ConsentGrant> result = new ArrayList<>();
        byPatient.getOrDefault(patient, Map.of()).values().forEach(grants -> result.addAll(Arrays.asList(grants)));
        result.sort((a, b) -> Long.compare(a.consentId(), b.consentId()));
        return result;
    }

    /** How many consents the view holds, revoked ones included. */
    public int size() {
        return byId.size();
    }

    private void replaceInPair(ConsentGrant grant) {
        Map<String, ConsentGrant[]> ofPatient = byPatient.computeIfAbsent(grant.patient(),
                patient -> new ConcurrentHashMap<>());
        ConsentGrant[] grants = ofPatient.getOrDefault(grant.grantee(), NONE);
        for (int i = 0; i < grants.length; i++) {
            if (grants[i].consentId() == grant.consentId()) {
                ConsentGrant[] updated = grants.clone();
                updated[i] = grant;
                ofPatient.put(grant.grantee(), updated);
                return;
            }
        }
        // Consent ids grow with the chain, so appending keeps each pair's array oldest first.
        ConsentGrant[] updated = Arrays.copyOf(grants, grants.length + 1);
        updated[grants.length] = grant;
        if (grants.length > 0 && grants[grants.length - 1].consentId() > grant.consentId()) {
            Arrays.sort(updated, (a, b) -> Long.compare(a.consentId(), b.consentId()));
        }
        ofPatient.put(grant.grantee(), updated);
    }
}
