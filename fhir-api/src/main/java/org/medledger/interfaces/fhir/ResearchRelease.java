package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.time.Year;
import java.util.Calendar;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.medledger.application.consent.ResearchPseudonyms;

/**
 * The research profile: the copy of a resource a research (HRESCH) release gets, after HIPAA Safe Harbor
 * (45 CFR 164.514(b)(2)), with keyed pseudonyms and a date shift where a researcher needs linkage and intervals.
 * The stored version is never changed.
 * <ul>
 *   <li>removed everywhere: the narrative, contained resources, extensions and modifier extensions, every
 *       {@code Identifier}, {@code HumanName}, {@code ContactPoint} (telecom) and {@code Annotation} (notes), the
 *       data, URL and title of every {@code Attachment}, and a {@code Reference}'s display and identifier;</li>
 *   <li>every {@code Address} keeps its state and country only;</li>
 *   <li>{@code Patient}: contacts, photos and links removed; the birth date kept as its year, or removed when the
 *       patient would be over 89;</li>
 *   <li>every other date, date-time and instant moves by the patient's date shift (whole days, 1 to 182 earlier or
 *       later, the same for all of one patient's records, so intervals survive);</li>
 *   <li>the resource's id and every relative reference become keyed pseudonyms ({@code deid-} and 32 hex digits,
 *       stable across releases, so a patient's records still link); other references are removed; the version id
 *       and source are dropped and the security label {@code PSEUDED} is added.</li>
 * </ul>
 * Free text in other elements (a coded concept's text, a string value) is released as written: the custodian must
 * not record identifiers there.
 */
public final class ResearchRelease {

    static final String SECURITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";
    static final String PSEUDONYMIZED = "PSEUDED";
    private static final Pattern RELATIVE = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(/_history/.*)?");
    private static final int OLDEST_AGE_RELEASED = 89;

    private final FhirContext fhir;
    private final ResearchPseudonyms pseudonyms;

    public ResearchRelease(FhirContext fhir, ResearchPseudonyms pseudonyms) {
        this.fhir = fhir;
        this.pseudonyms = pseudonyms;
    }

    /** Whether a resource is such a copy. */
    static boolean isReleaseCopy(IBaseResource resource) {
        return resource.getMeta().getSecurity(SECURITY_SYSTEM, PSEUDONYMIZED) != null;
    }

    /**
     * The de-identified copy of a patient's resource.
     *
     * @param patientId the local id of the patient the resource belongs to (the date shift is theirs)
     */
    public IBaseResource copyOf(IBaseResource resource, String patientId) {
        Resource copy = ((Resource) resource).copy();
        FhirTerser terser = fhir.newTerser();
        if (copy instanceof DomainResource domain) {
            domain.setText(null);
            domain.getContained().clear();
        }
        terser.getAllPopulatedChildElementsOfType(copy, Extension.class).forEach(terser::clear);
        if (copy instanceof DomainResource domain) {
            domain.getExtension().clear();
            domain.getModifierExtension().clear();
        }
        for (Class<? extends Type> removed : List.of(Identifier.class, HumanName.class, ContactPoint.class,
                Annotation.class)) {
            terser.getAllPopulatedChildElementsOfType(copy, removed).forEach(terser::clear);
        }
        for (Address address : terser.getAllPopulatedChildElementsOfType(copy, Address.class)) {
            String state = address.getState();
            String country = address.getCountry();
            terser.clear(address);
            address.setState(state).setCountry(country);
        }
        for (Attachment attachment : terser.getAllPopulatedChildElementsOfType(copy, Attachment.class)) {
            attachment.setData(null).setUrl(null).setTitle(null).setHash(null);
        }
        DateType birthDate = null;
        if (copy instanceof Patient patient) {
            patient.getContact().clear();
            patient.getPhoto().clear();
            patient.getLink().clear();
            birthDate = yearOnly(patient);
        }
        int shift = pseudonyms.dateShiftDays(patientId);
        for (BaseDateTimeType date : terser.getAllPopulatedChildElementsOfType(copy, BaseDateTimeType.class)) {
            if (date != birthDate && date.getValue() != null) {
                date.add(Calendar.DATE, shift);
            }
        }
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(copy, Reference.class)) {
            reference.setDisplay(null).setIdentifier(null);
            Matcher relative = reference.hasReference() ? RELATIVE.matcher(reference.getReference()) : null;
            reference.setReference(relative != null && relative.matches()
                    ? relative.group(1) + "/" + pseudonyms.idOf(relative.group(1), relative.group(2)) : null);
        }
        String type = fhir.getResourceType(copy);
        copy.setId(type + "/" + pseudonyms.idOf(type, copy.getIdElement().getIdPart()));
        Meta meta = copy.getMeta();
        meta.setVersionId(null).setSource(null);
        meta.addSecurity().setSystem(SECURITY_SYSTEM).setCode(PSEUDONYMIZED).setDisplay("pseudonymized");
        return copy;
    }

    /** The birth date reduced to its year, or removed when the patient would be over 89; returns what remains. */
    private static DateType yearOnly(Patient patient) {
        if (!patient.hasBirthDate()) {
            return null;
        }
        int year = patient.getBirthDateElement().getYear();
        if (Year.now().getValue() - year > OLDEST_AGE_RELEASED) {
            patient.setBirthDateElement(null);
            return null;
        }
        patient.setBirthDateElement(new DateType(Integer.toString(year)));
        return patient.getBirthDateElement();
    }
}
