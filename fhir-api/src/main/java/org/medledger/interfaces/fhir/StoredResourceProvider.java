package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Since;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Validate;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Parameters;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.VerificationReport;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.application.search.SearchParameterCatalog;

/**
 * The read side of one resource type: read, version read, instance and type history, search, {@code $validate} and
 * {@code $verify}. Only translates between FHIR and the record service. Types clients may write use
 * {@link WritableResourceProvider}; AuditEvent stays read-only.
 */
public class StoredResourceProvider implements IResourceProvider {

    final FhirContext fhir;
    final String resourceType;
    final Class<? extends IBaseResource> resourceClass;
    final RecordService records;
    final ResourceSearch search;
    final ConditionalMatches conditions;
    final ResourceValidation validation;

    public StoredResourceProvider(FhirContext fhir, String resourceType, RecordService records,
                                  ResourceSearch search, ResourceValidation validation) {
        this.fhir = fhir;
        this.resourceType = resourceType;
        this.resourceClass = fhir.getResourceDefinition(resourceType).getImplementingClass();
        this.records = records;
        this.search = search;
        this.conditions = new ConditionalMatches(search);
        this.validation = validation;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return resourceClass;
    }

    @Read(version = true)
    public IBaseResource read(@IdParam IIdType id) {
        StoredResource stored = (id.hasVersionIdPart()
                ? records.readVersion(resourceType, id.getIdPart(), versionOf(id))
                : records.read(resourceType, id.getIdPart()))
                .orElseThrow(() -> new ResourceNotFoundException(id));
        if (stored.deleted()) {
            throw new ResourceGoneException("Resource " + resourceType + "/" + id.getIdPart() + " was deleted");
        }
        return toResource(stored);
    }

    /** Instance history, newest first, paged ({@code _count}), optionally {@code _since} a time. */
    @History
    public IBundleProvider history(@IdParam IIdType id, @Since Date since) {
        if (records.history(resourceType, id.getIdPart(), null, 0, 0).total() == 0) {
            throw new ResourceNotFoundException(id);
        }
        return new HistoryResults(records, resourceType, id.getIdPart(), since == null ? null : since.toInstant(),
                this::toResource);
    }

    /** Type history: every version of every resource of this type, newest first, paged, optionally since a time. */
    @History
    public IBundleProvider typeHistory(@Since Date since) {
        return new HistoryResults(records, resourceType, null, since == null ? null : since.toInstant(),
                this::toResource);
    }

    /**
     * Search over the indexed parameters of this type ({@link SearchParameterCatalog}) plus {@code _id}
     * and {@code _lastUpdated}; comma-separated values are alternatives, repeated parameters must all hold.
     */
    @Search(allowUnknownParams = true)
    public IBundleProvider search(RequestDetails request, @Sort SortSpec sort) {
        List<SearchCriterion> criteria = SearchCriteria.of(request.getParameters());
        String order = null;
        if (sort != null) {
            order = (sort.getOrder() == SortOrderEnum.DESC ? "-" : "") + sort.getParamName();
            if (sort.getChain() != null) {
                throw new InvalidRequestException("Sorting is supported by a single parameter only");
            }
        }
        SearchResults results = new SearchResults(search, resourceType, criteria, order,
                Inclusion.of(request.getParameters(), resourceType),
                id -> records.read(resourceType, id).filter(stored -> !stored.deleted()).map(this::toResource)
                        .orElse(null),
                StoredResources.byReference(fhir, records));
        results.size();
        return results;
    }

    /** {@code POST [type]/$validate}: the issues against the base R4 profiles, nothing stored. */
    @Validate
    public MethodOutcome validate(@ResourceParam IBaseResource resource) {
        MethodOutcome outcome = new MethodOutcome();
        outcome.setOperationOutcome(validation.outcome(resource));
        return outcome;
    }

    /** Checks a stored version against the ledger: {@code GET [type]/[id]/$verify}. */
    @Operation(name = "$verify", idempotent = true)
    public Parameters verify(@IdParam IIdType id) {
        VerificationReport report = records.verify(resourceType, id.getIdPart(),
                id.hasVersionIdPart() ? versionOf(id) : null);
        return extendVerification(VerificationParameters.of(report), id);
    }

    /** Types may add to their {@code $verify} answer (Patient adds its compartment). */
    Parameters extendVerification(Parameters verification, IIdType id) {
        return verification;
    }

    MethodOutcome outcome(StoredResource stored) {
        IBaseResource resource = toResource(stored);
        MethodOutcome outcome = new MethodOutcome(resource.getIdElement());
        outcome.setResource(resource);
        // Also with Prefer: return=minimal, the client learns the new version from the ETag.
        outcome.setResponseHeaders(Map.of("ETag", List.of("W/\"" + stored.version() + "\"")));
        return outcome;
    }

    IBaseResource toResource(StoredResource stored) {
        return StoredResources.toResource(fhir, stored);
    }

    String encode(IBaseResource resource) {
        return parser().encodeResourceToString(resource);
    }

    IParser parser() {
        return fhir.newJsonParser();
    }

    static int versionOf(IIdType id) {
        try {
            return Integer.parseInt(id.getVersionIdPart());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Version ids on this server are whole numbers");
        }
    }
}
