package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.Delete;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.search.ResourceSearch;

/**
 * A resource type clients may write: everything {@link StoredResourceProvider} reads, plus create (conditional with
 * {@code If-None-Exist}), update (conditional, {@code If-Match}), JSON Patch, delete (conditional) and the
 * administrators' {@code $erase}. Every write is validated first.
 */
public class WritableResourceProvider extends StoredResourceProvider {

    public WritableResourceProvider(FhirContext fhir, String resourceType, RecordService records,
                                    ResourceSearch search, ResourceValidation validation) {
        super(fhir, resourceType, records, search, validation);
    }

    /** Create; with {@code If-None-Exist} an existing match is returned (200) instead of a second copy. */
    @Create
    public MethodOutcome create(@ResourceParam IBaseResource resource, @ConditionalUrlParam String ifNoneExist) {
        if (ifNoneExist != null) {
            Optional<StoredResource> existing = conditions.atMostOne(resourceType, ifNoneExist)
                    .flatMap(id -> records.read(resourceType, id));
            if (existing.isPresent()) {
                return outcome(existing.get()).setCreated(false);
            }
        }
        validation.requireValid(resource, "");
        StoredResource stored = records.create(resourceType, encode(resource));
        return outcome(stored).setCreated(true);
    }

    @Update
    public MethodOutcome update(@IdParam IIdType id, @ResourceParam IBaseResource resource,
                                @ConditionalUrlParam String conditionalUrl) {
        if (conditionalUrl != null) {
            // PUT [type]?[search]: update the one match, or create when there is none (412 when several match).
            String target = conditions.atMostOne(resourceType, conditionalUrl)
                    .orElse(resource.getIdElement().hasIdPart() ? resource.getIdElement().getIdPart()
                            : UUID.randomUUID().toString());
            id = new IdType(resourceType, target, id == null ? null : id.getVersionIdPart());
            if (resource.getIdElement().hasIdPart() && !target.equals(resource.getIdElement().getIdPart())) {
                throw new InvalidRequestException("The resource id in the body (" + resource.getIdElement().getIdPart()
                        + ") is not the id of the resource the condition matches");
            }
        }
        if (resource.getIdElement().hasIdPart() && !id.getIdPart().equals(resource.getIdElement().getIdPart())) {
            throw new InvalidRequestException("The resource id in the body (" + resource.getIdElement().getIdPart()
                    + ") does not match the id in the URL (" + id.getIdPart() + ")");
        }
        validation.requireValid(resource, "");
        Integer expected = id.hasVersionIdPart() ? versionOf(id) : null;
        boolean existed = records.read(resourceType, id.getIdPart()).isPresent();
        StoredResource stored = records.update(resourceType, id.getIdPart(), encode(resource), expected);
        return outcome(stored).setCreated(!existed);
    }

    /** JSON Patch (RFC 6902) on the current version; {@code If-Match} checked like update. */
    @Patch
    public MethodOutcome patch(@IdParam IIdType id, PatchTypeEnum patchType, @ResourceParam String body,
                               RequestDetails request) {
        if (patchType != PatchTypeEnum.JSON_PATCH) {
            throw new InvalidRequestException("Only JSON Patch is supported (Content-Type: application/json-patch+json)");
        }
        StoredResource current = records.read(resourceType, id.getIdPart()).filter(stored -> !stored.deleted())
                .orElseThrow(() -> new ResourceNotFoundException(id));
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null) {
            int expected = versionOf(new IdType(resourceType, id.getIdPart(),
                    ifMatch.replaceAll("^W/", "").replace("\"", "").trim()));
            if (expected != current.version()) {
                throw new PreconditionFailedException(resourceType + "/" + id.getIdPart() + ": expected version "
                        + expected + " but the current version is " + current.version());
            }
        }
        // Strict: a patch that leaves an element the model can't hold is refused, not silently dropped.
        IBaseResource patched = parser().setParserErrorHandler(new StrictErrorHandler())
                .parseResource(resourceClass, JsonPatch.apply(current.json(), body));
        if (patched.getIdElement().hasIdPart() && !patched.getIdElement().getIdPart().equals(id.getIdPart())) {
            throw new UnprocessableEntityException("A patch may not change the resource id");
        }
        patched.setId(new IdType(resourceType, id.getIdPart()));
        validation.requireValid(patched, "");
        return outcome(records.update(resourceType, id.getIdPart(), encode(patched), current.version()));
    }

    @Delete
    public MethodOutcome delete(@IdParam IIdType id, @ConditionalUrlParam String conditionalUrl) {
        if (conditionalUrl != null) {
            // DELETE [type]?[search]: deletes the one match; no match is a successful no-op.
            Optional<String> match = conditions.atMostOne(resourceType, conditionalUrl);
            if (match.isEmpty()) {
                return new MethodOutcome();
            }
            id = new IdType(resourceType, match.get());
        }
        StoredResource stored = records.delete(resourceType, id.getIdPart());
        return new MethodOutcome(new IdType(resourceType, stored.id(), Integer.toString(stored.version())));
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

}
