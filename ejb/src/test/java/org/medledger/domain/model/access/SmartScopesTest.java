package org.medledger.domain.model.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SmartScopesTest {

    @Test
    void v2ScopesAllowExactlyTheirInteractions() {
        SmartScopes scopes = SmartScopes.parse("system/Observation.rs system/Patient.r");
        assertTrue(scopes.permits("Observation", 'r'));
        assertTrue(scopes.permits("Observation", 's'));
        assertFalse(scopes.permits("Observation", 'c'));
        assertFalse(scopes.permits("Patient", 's'));
        assertFalse(scopes.permits("Condition", 'r'));
    }

    @Test
    void v1ScopesAndWildcardsAreReadAsTheirV2Meaning() {
        SmartScopes scopes = SmartScopes.parse("system/*.read system/Observation.write");
        assertTrue(scopes.permits("Condition", 's'));
        assertTrue(scopes.permits("Observation", 'u'));
        assertFalse(scopes.permits("Condition", 'd'));
    }

    @Test
    void aTokenGetsOnlyWhatWasRegisteredNarrowedToIt() {
        SmartScopes registered = SmartScopes.parse("system/Observation.rs system/*.r");
        assertEquals("system/Observation.rs system/Condition.r",
                registered.grantable(SmartScopes.parse("system/Observation.cruds system/Condition.rs")).toString());
        assertTrue(registered.grantable(SmartScopes.parse("system/Observation.c")).isEmpty());
    }

    @Test
    void somethingThatIsNotASystemScopeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SmartScopes.parse("patient/Observation.rs"));
        assertThrows(IllegalArgumentException.class, () -> SmartScopes.parse("system/Observation.x"));
        assertThrows(IllegalArgumentException.class, () -> SmartScopes.parse("system/../Observation.r"));
    }
}
