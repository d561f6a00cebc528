package org.medledger.domain.model.consent;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The consortium's access policy. Rules, first match wins:
 * <ol>
 *   <li>{@code patient-self}: patients see their own records; {@code not-the-patient} denies anyone else's.</li>
 *   <li>{@code no-clinical-role}: administrators, auditors and operators never see clinical data here.</li>
 *   <li>{@code consent-research}: research (HRESCH) needs a consent naming it, and releases de-identified data
 *       only; without one, {@code no-consent}.</li>
 *   <li>{@code custodian-treating-staff}: the custodian hospital's clinicians with a treating relationship may
 *       treat (TREAT).</li>
 *   <li>{@code custodian-system}: the custodian hospital's own systems may use its records for treatment and
 *       operations (TREAT, HOPERAT).</li>
 *   <li>{@code break-glass}: a clinician, or a hospital system, that declared an emergency for the patient may use
 *       emergency treatment (ETREAT) for a limited time after the declaration.</li>
 *   <li>{@code consent}: a live consent to the clinician or to the accessor's hospital covering the category and
 *       purpose.</li>
 *   <li>{@code no-consent}: everything else.</li>
 * </ol>
 */
public final class ConsentPolicy {

    private final ConsentView view;
    private final long breakGlassSeconds;

    public ConsentPolicy(ConsentView view, long breakGlassSeconds) {
        this.view = view;
        this.breakGlassSeconds = breakGlassSeconds;
    }

    public AccessDecision decide(AccessRequest request) {
        Accessor accessor = request.accessor();
        switch (accessor.kind()) {
            case PATIENT:
                return accessor.patient().equals(request.patient())
                        ? AccessDecision.permit("patient-self") : AccessDecision.deny("not-the-patient");
            case NON_CLINICAL_STAFF:
                return AccessDecision.deny("no-clinical-role");
            default:
                break;
        }
        if (request.purpose() == PurposeOfUse.HRESCH) {
            return consentFor(request)
                    .map(c -> new AccessDecision(AccessDecision.Outcome.PERMIT_DEIDENTIFIED, "consent-research",
                            c.consentId()))
                    .orElse(AccessDecision.deny("no-consent"));
        }
        boolean atCustodian = accessor.hospital().equals(request.custodian());
        if (atCustodian && accessor.kind() == Accessor.Kind.CLINICIAN && accessor.treating()
                && request.purpose() == PurposeOfUse.TREAT) {
            return AccessDecision.permit("custodian-treating-staff");
        }
        if (atCustodian && accessor.kind() == Accessor.Kind.HOSPITAL_SYSTEM
                && (request.purpose() == PurposeOfUse.TREAT || request.purpose() == PurposeOfUse.HOPERAT)) {
            return AccessDecision.permit("custodian-system");
        }
        if (request.purpose() == PurposeOfUse.ETREAT
                && view.emergencyBetween(request.patient(), accessor.emergencyId(),
                        request.at() - breakGlassSeconds, request.at()).isPresent()) {
            return AccessDecision.permit("break-glass");
        }
        return consentFor(request)
                .map(c -> new AccessDecision(AccessDecision.Outcome.PERMIT, "consent", c.consentId()))
                .orElse(AccessDecision.deny("no-consent"));
    }

    /**
     * When the break-glass window the accessor opened for the patient closes (Unix seconds), if one is open at
     * {@code at}: the time the {@code break-glass} rule stops allowing emergency treatment.
     */
    public OptionalLong emergencyEndsAt(String patient, Accessor accessor, long at) {
        if (accessor.emergencyId() == null) {
            return OptionalLong.empty();
        }
        return view.emergencyBetween(patient, accessor.emergencyId(), at - breakGlassSeconds, at)
                .map(e -> OptionalLong.of(e.at() + breakGlassSeconds)).orElse(OptionalLong.empty());
    }

    private Optional<ConsentGrant> consentFor(AccessRequest request) {
        Accessor accessor = request.accessor();
        Optional<ConsentGrant> toPractitioner = accessor.practitioner() == null ? Optional.empty()
                : view.covering(request.patient(), accessor.practitioner(), request.category(), request.purpose(),
                        request.at());
        return toPractitioner.or(() -> view.covering(request.patient(), accessor.hospital(), request.category(),
                request.purpose(), request.at()));
    }
}
