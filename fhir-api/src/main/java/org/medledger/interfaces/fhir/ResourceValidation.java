package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Validates resources against the base FHIR R4 profiles (structure, cardinality, data types, required bindings)
 * with HAPI's instance validator. Code systems the server does not carry (LOINC, SNOMED CT) are not checked.
 * Writes are validated when {@code medledger.fhir.validation} is {@code on-write} (the default).
 */
final class ResourceValidation {

    private static final Logger LOG = Logger.getLogger(ResourceValidation.class.getName());

    private final FhirValidator validator;
    private final boolean onWrite;

    ResourceValidation(FhirContext fhir, boolean onWrite) {
        ValidationSupportChain support = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        FhirInstanceValidator module = new FhirInstanceValidator(support);
        module.setAnyExtensionsAllowed(true);
        module.setErrorForUnknownProfiles(false);
        this.validator = fhir.newValidator();
        this.validator.setValidateAgainstStandardSchema(false);
        this.validator.setValidateAgainstStandardSchematron(false);
        this.validator.registerValidatorModule(module);
        this.onWrite = onWrite;
    }

    /** Loads the R4 definitions in the background so the first request does not wait for them. */
    void warmUp() {
        CompletableFuture.runAsync(() -> {
            long started = System.nanoTime();
            validator.validateWithResult(new Patient().setActive(true));
            LOG.info(() -> "FHIR validator ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        });
    }

    /** {@code $validate}: every issue the validator finds, or one "no issues" information. */
    OperationOutcome outcome(IBaseResource resource) {
        OperationOutcome outcome = toOutcome(validate(resource, ""), "");
        if (outcome.getIssue().isEmpty()) {
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                    .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                    .setDiagnostics("No issues found against the base R4 profiles");
        }
        return outcome;
    }

    /**
     * Refuses a resource about to be written when it has errors: 422 with the issues and their FHIRPath locations.
     *
     * @param where prefix for locations and messages, e.g. {@code Bundle.entry[3].resource} (empty for a single write)
     */
    void requireValid(IBaseResource resource, String where) {
        if (!onWrite) {
            return;
        }
        ValidationResult result = validate(resource, where);
        if (result.getMessages().stream().anyMatch(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())) {
            OperationOutcome outcome = toOutcome(result, where);
            outcome.getIssue().removeIf(issue -> issue.getSeverity() != OperationOutcome.IssueSeverity.ERROR
                    && issue.getSeverity() != OperationOutcome.IssueSeverity.FATAL);
            throw new UnprocessableEntityException(
                    (where.isEmpty() ? "The resource" : where) + " does not conform to the base FHIR R4 profile: "
                            + outcome.getIssueFirstRep().getDiagnostics(), outcome);
        }
    }

    /**
     * Runs the validator. It can fail on content it cannot interpret (a reference shaped like an absolute URL with
     * an empty type made it throw StringIndexOutOfBoundsException, a fuzzing finding): that content is refused with
     * 422, not answered with a 500.
     */
    private ValidationResult validate(IBaseResource resource, String where) {
        try {
            return validator.validateWithResult(resource);
        } catch (RuntimeException e) {
            LOG.warning(() -> "The FHIR validator failed on a submitted resource (" + e.getClass().getSimpleName()
                    + "); refused with 422");
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics("The content holds a value the R4 validator cannot interpret, such as a malformed"
                            + " reference");
            throw new UnprocessableEntityException((where.isEmpty() ? "The resource" : where)
                    + " cannot be validated against the base FHIR R4 profile", outcome);
        }
    }

    private static OperationOutcome toOutcome(ValidationResult result, String where) {
        OperationOutcome outcome = new OperationOutcome();
        for (SingleValidationMessage message : result.getMessages()) {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(severity(message.getSeverity()))
                    .setCode(OperationOutcome.IssueType.PROCESSING)
                    .setDiagnostics(message.getMessage());
            if (message.getLocationString() != null) {
                String location = where.isEmpty() ? message.getLocationString()
                        : where + message.getLocationString().replaceFirst("^[A-Z][A-Za-z]*", "");
                issue.addExpression(location);
                issue.getLocation().add(new StringType(location));
            }
        }
        return outcome;
    }

    private static OperationOutcome.IssueSeverity severity(ResultSeverityEnum severity) {
        return switch (severity) {
            case FATAL -> OperationOutcome.IssueSeverity.FATAL;
            case ERROR -> OperationOutcome.IssueSeverity.ERROR;
            case WARNING -> OperationOutcome.IssueSeverity.WARNING;
            case INFORMATION -> OperationOutcome.IssueSeverity.INFORMATION;
        };
    }
}
