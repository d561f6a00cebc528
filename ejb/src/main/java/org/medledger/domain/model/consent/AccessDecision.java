package org.medledger.domain.model.consent;

import java.util.Objects;

/**
 * The policy's answer and the rule that gave it, so every allow and deny can be explained and audited.
 * {@code consentId} is the on-chain consent that allowed it, or -1.
 */
public record AccessDecision(Outcome outcome, String rule, long consentId) {

    public enum Outcome {
        PERMIT,
        /** Allowed for research: only a de-identified copy may be released. */
        PERMIT_DEIDENTIFIED,
        DENY
    }

    public AccessDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
    }

    public static AccessDecision permit(String rule) {
        return new AccessDecision(Outcome.PERMIT, rule, -1);
    }

    public static AccessDecision deny(String rule) {
        return new AccessDecision(Outcome.DENY, rule, -1);
    }

    public boolean permitted() {
        return outcome != Outcome.DENY;
    }
}
