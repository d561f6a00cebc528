package org.medledger.domain.model.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConsentPolicyEmergencyWindowTest {

    private static final String PATIENT = "01".repeat(32);
    private static final String HOSPITAL = "03".repeat(32);
    private static final Accessor DOCTOR = Accessor.clinician(HOSPITAL, "02".repeat(32), false);
    private static final Accessor OTHER_DOCTOR = Accessor.clinician(HOSPITAL, "04".repeat(32), false);
    private static final long WINDOW = 3600;

    private static ConsentPolicy policyWithEmergencyAt(long at) {
        ConsentView view = new ConsentView();
        view.apply(new EmergencyAccess(PATIENT, DOCTOR.emergencyId(), "unconscious", HOSPITAL, at));
        return new ConsentPolicy(view, WINDOW);
    }

    @Test
    void theWindowEndsOneBreakGlassPeriodAfterTheDeclaration() {
        ConsentPolicy policy = policyWithEmergencyAt(1_000);
        assertEquals(1_000 + WINDOW, policy.emergencyEndsAt(PATIENT, DOCTOR, 1_000).getAsLong());
        assertEquals(1_000 + WINDOW, policy.emergencyEndsAt(PATIENT, DOCTOR, 1_000 + WINDOW).getAsLong());
        assertEquals(AccessDecision.Outcome.PERMIT, policy.decide(new AccessRequest(DOCTOR, PATIENT, HOSPITAL,
                ResourceCategory.MENTAL_HEALTH, PurposeOfUse.ETREAT, 1_000 + WINDOW)).outcome());
    }

    @Test
    void noWindowAfterItClosesOrForAnotherDoctor() {
        ConsentPolicy policy = policyWithEmergencyAt(1_000);
        assertTrue(policy.emergencyEndsAt(PATIENT, DOCTOR, 1_001 + WINDOW).isEmpty());
        assertTrue(policy.emergencyEndsAt(PATIENT, OTHER_DOCTOR, 1_000).isEmpty());
        assertTrue(policy.emergencyEndsAt("05".repeat(32), DOCTOR, 1_000).isEmpty());
    }
}
