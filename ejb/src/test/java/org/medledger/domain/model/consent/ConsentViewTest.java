package org.medledger.domain.model.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentViewTest {

    private static final String PATIENT = "01".repeat(32);
    private static final String GRANTEE = "02".repeat(32);
    private static final int OBSERVATIONS = ResourceCategory.OBSERVATIONS.bit();
    private static final int TREAT = PurposeOfUse.TREAT.bit();

    private static ConsentGrant grant(long id) {
        return new ConsentGrant(id, PATIENT, GRANTEE, OBSERVATIONS, TREAT, 0, 0, "03".repeat(32), false, false);
    }

    @Test
    void revocationSeenBeforeItsGrantIsReplayedStaysFinal() {
        ConsentView view = new ConsentView();
        view.apply(grant(7));
        assertTrue(view.revoke(7));
        view.apply(grant(7));
        assertTrue(view.consent(7).orElseThrow().revoked());
        assertTrue(view.covering(PATIENT, GRANTEE, ResourceCategory.OBSERVATIONS, PurposeOfUse.TREAT, 10).isEmpty());
    }

    @Test
    void revokingAnUnknownConsentChangesNothing() {
        ConsentView view = new ConsentView();
        assertFalse(view.revoke(3));
        assertEquals(0, view.size());
    }

    @Test
    void replayingEveryEventTwiceGivesTheSameState() {
        ConsentView view = new ConsentView();
        for (int pass = 0; pass < 2; pass++) {
            view.apply(grant(1));
            view.apply(grant(2));
            view.revoke(1);
            view.apply(new EmergencyAccess(PATIENT, GRANTEE, "trauma", "03".repeat(32), 100));
        }
        assertEquals(2, view.size());
        assertEquals(List.of(1L, 2L), view.consentsOf(PATIENT).stream().map(ConsentGrant::consentId).toList());
        assertEquals(2, view.covering(PATIENT, GRANTEE, ResourceCategory.OBSERVATIONS, PurposeOfUse.TREAT, 10)
                .orElseThrow().consentId());
        assertTrue(view.emergencyBetween(PATIENT, GRANTEE, 50, 150).isPresent());
    }

    @Test
    void grantsArrivingOutOfOrderAreKeptOldestFirst() {
        ConsentView view = new ConsentView();
        view.apply(grant(5));
        view.apply(grant(2));
        assertEquals(List.of(2L, 5L), view.consentsOf(PATIENT).stream().map(ConsentGrant::consentId).toList());
    }
}
