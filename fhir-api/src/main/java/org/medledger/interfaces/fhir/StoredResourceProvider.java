package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.History;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Parameters;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.VerificationReport;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;
import org.medledger.application.search.SearchParameterCatalog;

/**
 * Read, version read, create, update, delete, instance history and {@code $verify} for one
 * resource type. Only translates between FHIR and the record service.
 */
public class StoredResourceProvider implements IResourceProvider {

    /** Handled by HAPI itself (paging, format, summary, elements), not search criteria. */
    private static final Set<String> CONTROL_PARAMETERS = Set.of("_count", "_sort", "_format", "_pretty",
            "_summary", "_elements", "_total", "_getpages", "_getpagesoffset", "_bundletype");

    private final FhirContext fhir;
    private final String resourceType;
    private final Class<? extends IBaseResource> resourceClass;
    private final RecordService records;
    private final ResourceSearch search;

    public StoredResourceProvider(FhirContext fhir, String resourceType, RecordService records,
                                  ResourceSearch search) {
        this.fhir = fhir;
        this.resourceType = resourceType;
        this.resourceClass = fhir.getResourceDefinition(resourceType).getImplementingClass();
        this.records = records;
        this.search = search;
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

    @Create
    public MethodOutcome create(@ResourceParam IBaseResource resource) {
        StoredResource stored = records.create(resourceType, encode(resource));
        return outcome(stored).setCreated(true);
    }

    @Update
    public MethodOutcome update(@IdParam IIdType id, @ResourceParam IBaseResource resource,
                                @ConditionalUrlParam String conditionalUrl) {
        if (conditionalUrl != null) {
            throw new InvalidRequestException("Conditional update is not supported yet");
        }
        if (resource.getIdElement().hasIdPart() && !id.getIdPart().equals(resource.getIdElement().getIdPart())) {
            throw new InvalidRequestException("The resource id in the body (" + resource.getIdElement().getIdPart()
                    + ") does not match the id in the URL (" + id.getIdPart() + ")");
        }
        Integer expected = id.hasVersionIdPart() ? versionOf(id) : null;
        boolean existed = records.read(resourceType, id.getIdPart()).isPresent();
        StoredResource stored = records.update(resourceType, id.getIdPart(), encode(resource), expected);
        return outcome(stored).setCreated(!existed);
    }

    @Delete
    public MethodOutcome delete(@IdParam IIdType id) {
        StoredResource stored = records.delete(resourceType, id.getIdPart());
        return new MethodOutcome(new IdType(resourceType, stored.id(), Integer.toString(stored.version())));
    }

    @History
    public List<IBaseResource> history(@IdParam IIdType id) {
        List<IBaseResource> result = new ArrayList<>();
        for (StoredResource stored : records.history(resourceType, id.getIdPart())) {
            result.add(toResource(stored));
        }
        if (result.isEmpty()) {
            throw new ResourceNotFoundException(id);
        }
        return result;
    }

    /**
     * Search over the indexed parameters of this type ({@link SearchParameterCatalog}) plus {@code _id}
     * and {@code _lastUpdated}; comma-separated values are alternatives, repeated parameters must all hold.
     */
    @Search(allowUnknownParams = true)
    public IBundleProvider search(RequestDetails request, @Sort SortSpec sort) {
        List<SearchCriterion> criteria = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            if (CONTROL_PARAMETERS.contains(name)) {
                continue;
            }
            if (name.equals("_include") || name.equals("_revinclude") || name.startsWith("_has")) {
                throw new InvalidRequestException(name + " is not supported by this server yet");
            }
            if (name.startsWith("_") && !name.equals("_id") && !name.equals("_lastUpdated")) {
                throw new InvalidRequestException("Search parameter " + name + " is not supported");
            }
            String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            for (String value : parameter.getValue()) {
                criteria.add(new SearchCriterion(base, splitAlternatives(value)));
            }
        }
        String order = null;
        if (sort != null) {
            order = (sort.getOrder() == SortOrderEnum.DESC ? "-" : "") + sort.getParamName();
            if (sort.getChain() != null) {
                throw new InvalidRequestException("Sorting is supported by a single parameter only");
            }
        }
        SearchResults results = new SearchResults(search, resourceType, criteria, order, id ->
                records.read(resourceType, id).filter(stored -> !stored.deleted()).map(this::toResource).orElse(null));
        results.size();
        return results;
    }

    private static List<String> splitAlternatives(String value) {
        List<String> alternatives = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == ',') {
                alternatives.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        alternatives.add(current.toString());
        return alternatives;
    }

    /** Checks a stored version against the ledger: {@code GET [type]/[id]/$verify}. */
    @Operation(name = "$verify", idempotent = true)
    public Parameters verify(@IdParam IIdType id) {
        VerificationReport report = records.verify(resourceType, id.getIdPart(),
                id.hasVersionIdPart() ? versionOf(id) : null);
        return VerificationParameters.of(report);
    }

    /** Erasure request: crypto-shreds every version; administrators only. {@code POST [type]/[id]/$erase}. */
    @Operation(name = "$erase")
    public Parameters erase(@IdParam IIdType id,
                            @OperationParam(name = "reason", min = 0, max = 1) StringType reason,
                            RequestDetails request) {
        AdministrativeOperations.requireAdministrator(request);
        int erased = records.erase(resourceType, id.getIdPart(), reason == null ? null : reason.getValue());
        Parameters out = new Parameters();
        out.addParameter().setName("versionsErased").setValue(new IntegerType(erased));
        return out;
    }

    private MethodOutcome outcome(StoredResource stored) {
        IBaseResource resource = toResource(stored);
        MethodOutcome outcome = new MethodOutcome(resource.getIdElement());
        outcome.setResource(resource);
        return outcome;
    }

    private IBaseResource toResource(StoredResource stored) {
        IBaseResource resource = parser().parseResource(resourceClass, stored.json());
        resource.setId(new IdType(resourceType, stored.id(), Integer.toString(stored.version())));
        resource.getMeta().setLastUpdated(Date.from(stored.lastUpdated()));
        return resource;
    }

    private String encode(IBaseResource resource) {
        return parser().encodeResourceToString(resource);
    }

    private IParser parser() {
        return fhir.newJsonParser();
    }

    private static int versionOf(IIdType id) {
        try {
            return Integer.parseInt(id.getVersionIdPart());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Version ids on this server are whole numbers");
        }
    }
}
