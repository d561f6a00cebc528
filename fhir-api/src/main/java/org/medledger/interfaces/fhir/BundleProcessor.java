package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryRequestComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.medledger.application.RecordService;
import org.medledger.application.StoredResource;
import org.medledger.application.UnitOfWork;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchPage;

/**
 * {@code POST /fhir} with a Bundle of type {@code transaction} (all entries in one database transaction: every
 * write commits, or none does; {@code urn:uuid:} and conditional references resolved; {@code ifNoneExist},
 * {@code ifMatch} honoured) or {@code batch} (each entry on its own, failures reported per entry).
 */
public class BundleProcessor {

    private static final Pattern INSTANCE = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})"
            + "(?:/_history/([0-9]+))?");
    private static final Pattern ETAG_VERSION = Pattern.compile("(?:W/)?\"?([0-9]+)\"?");
    private static final int SEARCH_PAGE = 100;
    /** Entries written between persistence-context checkpoints in a transaction bundle. */
    private static final int CHECKPOINT_EVERY = 200;
    private static final Logger LOG = Logger.getLogger(BundleProcessor.class.getName());

    private final FhirContext fhir;
    private final RecordService records;
    private final ResourceSearch search;
    private final UnitOfWork unitOfWork;
    private final ConditionalMatches conditions;
    private final ResourceValidation validation;
    private final ExecutorService executor;

    /** @param executor the container's managed executor, for validating large transactions on all cores */
    public BundleProcessor(FhirContext fhir, RecordService records, ResourceSearch search, UnitOfWork unitOfWork,
                           ResourceValidation validation, ExecutorService executor) {
        this.fhir = fhir;
        this.records = records;
        this.search = search;
        this.unitOfWork = unitOfWork;
        this.conditions = new ConditionalMatches(search);
        this.validation = validation;
        this.executor = executor;
    }

    @Transaction
    public Bundle process(@TransactionParam Bundle bundle, RequestDetails request) {
        boolean representation = String.valueOf(request.getHeader("Prefer")).contains("return=representation");
        if (bundle.getType() == Bundle.BundleType.TRANSACTION) {
            return unitOfWork.inOneTransaction(() -> transaction(bundle, representation));
        }
        if (bundle.getType() == Bundle.BundleType.BATCH) {
            return batch(bundle, representation);
        }
        throw new InvalidRequestException("Only a Bundle of type transaction or batch can be posted to the base URL;"
                + " this one is of type " + (bundle.getType() == null ? "(none)" : bundle.getType().toCode()));
    }

    private Bundle transaction(Bundle bundle, boolean representation) {
        long started = System.nanoTime();
        List<BundleEntryComponent> entries = bundle.getEntry();
        List<Planned> plan = new ArrayList<>(entries.size());
        Map<String, String> resolved = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            plan.add(plan(i, entries.get(i), resolved, true));
        }
        validateAll(plan);
        for (Planned planned : plan) {
            if (planned.resource != null) {
                inEntry(planned, () -> {
                    rewriteReferences(planned.resource, resolved);
                    return null;
                });
            }
        }
        long executing = System.nanoTime();
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        BundleEntryComponent[] results = new BundleEntryComponent[plan.size()];
        // The order the FHIR specification prescribes: deletes, creates, updates, then reads.
        int written = 0;
        for (HTTPVerb verb : List.of(HTTPVerb.DELETE, HTTPVerb.POST, HTTPVerb.PUT, HTTPVerb.GET)) {
            for (Planned planned : plan) {
                if (planned.verb == verb) {
                    results[planned.index] = inEntry(planned, () -> execute(planned, representation));
                    if (++written % CHECKPOINT_EVERY == 0) {
                        unitOfWork.checkpoint();
                    }
                }
            }
        }
        LOG.info(() -> "Transaction bundle of " + plan.size() + " entries: planned and validated in "
                + (executing - started) / 1_000_000 + " ms, written in " + (System.nanoTime() - executing) / 1_000_000
                + " ms");
        for (BundleEntryComponent result : results) {
            response.addEntry(result);
        }
        return response;
    }

    /** Validates every entry's resource, on all cores: validation, not writing, dominates a large transaction. */
    private void validateAll(List<Planned> plan) {
        List<Planned> writes = plan.stream().filter(p -> p.resource != null).toList();
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), writes.size() / 50));
        List<Callable<Void>> chunks = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            List<Planned> chunk = writes.subList(writes.size() * w / workers, writes.size() * (w + 1) / workers);
            chunks.add(() -> {
                for (Planned planned : chunk) {
                    validation.requireValid(planned.resource, "Bundle.entry[" + planned.index + "].resource");
                }
                return null;
            });
        }
        try {
            for (Future<Void> done : executor.invokeAll(chunks)) {
                done.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while validating the bundle", e);
        }
    }

    private Bundle batch(Bundle bundle, boolean representation) {
        Bundle response = new Bundle().setType(Bundle.BundleType.BATCHRESPONSE);
        List<BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            int index = i;
            BundleEntryComponent result;
            try {
                Planned planned = plan(index, entries.get(index), new HashMap<>(), false);
                if (planned.resource != null) {
                    rewriteReferences(planned.resource, new HashMap<>());
                }
                result = execute(planned, representation);
            } catch (RuntimeException e) {
                BaseServerResponseException error = RecordExceptionTranslator.toFhir(e, "batch entry " + index);
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.PROCESSING)
                        .setDiagnostics("Bundle entry " + index + ": " + error.getMessage());
                result = new BundleEntryComponent();
                result.getResponse().setStatus(error.getStatusCode() + " " + reason(error.getStatusCode()))
                        .setOutcome(outcome);
            }
            response.addEntry(result);
        }
        return response;
    }

    /** What one entry will do, with the id it will write to already decided so references can point at it. */
    private static final class Planned {
        final int index;
        final HTTPVerb verb;
        final String type;
        String id;
        Integer readVersion;
        Integer expectedVersion;
        String searchQuery;
        Resource resource;
        StoredResource existing;

        Planned(int index, HTTPVerb verb, String type) {
            this.index = index;
            this.verb = verb;
            this.type = type;
        }
    }

    private Planned plan(int index, BundleEntryComponent entry, Map<String, String> resolved, boolean transaction) {
        BundleEntryRequestComponent request = entry.getRequest();
        if (request == null || request.getMethod() == null || request.getMethod() == HTTPVerb.NULL
                || !request.hasUrl()) {
            throw entryError(index, null, new InvalidRequestException("every entry needs request.method and request.url"));
        }
        HTTPVerb verb = request.getMethod();
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String type = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (!fhir.getResourceTypes().contains(type)) {
            throw entryError(index, verb, new InvalidRequestException("'" + type + "' is not a FHIR R4 resource type"));
        }
        Planned planned = new Planned(index, verb, type);
        String fullUrl = entry.hasFullUrl() ? entry.getFullUrl() : null;
        try {
            switch (verb) {
                case POST -> {
                    planned.resource = requireResource(entry, type);
                    if (request.hasIfNoneExist()) {
                        Optional<String> match = conditions.atMostOne(type, request.getIfNoneExist());
                        if (match.isPresent()) {
                            planned.existing = records.read(type, match.get()).orElseThrow();
                        }
                    }
                    planned.id = planned.existing != null ? planned.existing.id() : UUID.randomUUID().toString();
                }
                case PUT -> {
                    planned.resource = requireResource(entry, type);
                    if (url.contains("?")) {
                        planned.id = conditions.atMostOne(type, url).orElse(UUID.randomUUID().toString());
                    } else {
                        planned.id = instance(url, type).group(2);
                    }
                    planned.expectedVersion = request.hasIfMatch() ? etagVersion(request.getIfMatch()) : null;
                }
                case DELETE -> {
                    if (url.contains("?")) {
                        planned.id = conditions.atMostOne(type, url).orElse(null);
                    } else {
                        planned.id = instance(url, type).group(2);
                    }
                }
                case GET -> {
                    if (url.contains("?") || !path.contains("/")) {
                        planned.searchQuery = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
                    } else {
                        Matcher m = instance(url, type);
                        planned.id = m.group(2);
                        planned.readVersion = m.group(3) == null ? null : Integer.valueOf(m.group(3));
                    }
                }
                default -> throw new InvalidRequestException(verb.toCode() + " entries are not supported in bundles");
            }
        } catch (RuntimeException e) {
            throw entryError(index, verb, e);
        }
        if (planned.resource != null) {
            planned.resource.setId(type + "/" + planned.id);
            if (!transaction) {
                validation.requireValid(planned.resource, "Bundle.entry[" + index + "].resource");
            }
        }
        if (fullUrl != null && planned.id != null && (verb == HTTPVerb.POST || verb == HTTPVerb.PUT)) {
            if (transaction && resolved.put(fullUrl, type + "/" + planned.id) != null) {
                throw entryError(index, verb, new InvalidRequestException("fullUrl " + fullUrl
                        + " appears in more than one entry"));
            }
        }
        return planned;
    }

    private BundleEntryComponent execute(Planned planned, boolean representation) {
        BundleEntryComponent result = new BundleEntryComponent();
        BundleEntryResponseComponent response = result.getResponse();
        switch (planned.verb) {
            case POST -> {
                StoredResource stored = planned.existing != null ? planned.existing
                        : records.update(planned.type, planned.id, encode(planned.resource), 0);
                written(result, stored, planned.existing != null ? "200 OK" : "201 Created", representation);
            }
            case PUT -> {
                boolean exists = records.read(planned.type, planned.id).filter(s -> !s.deleted()).isPresent();
                StoredResource stored = records.update(planned.type, planned.id, encode(planned.resource),
                        planned.expectedVersion);
                written(result, stored, exists ? "200 OK" : "201 Created", representation);
            }
            case DELETE -> {
                boolean exists = planned.id != null
                        && records.read(planned.type, planned.id).filter(s -> !s.deleted()).isPresent();
                if (exists) {
                    StoredResource stored = records.delete(planned.type, planned.id);
                    response.setEtag("W/\"" + stored.version() + "\"");
                }
                response.setStatus(exists ? "204 No Content" : "404 Not Found");
            }
            case GET -> {
                if (planned.searchQuery != null) {
                    result.setResource(searchSet(planned.type, planned.searchQuery));
                    response.setStatus("200 OK");
                } else {
                    StoredResource stored = (planned.readVersion == null
                            ? records.read(planned.type, planned.id)
                            : records.readVersion(planned.type, planned.id, planned.readVersion))
                            .orElseThrow(() -> new ResourceNotFoundException(planned.type + "/" + planned.id));
                    if (stored.deleted()) {
                        throw new ResourceGoneException(planned.type + "/" + planned.id + " was deleted");
                    }
                    written(result, stored, "200 OK", true);
                }
            }
            default -> throw new InvalidRequestException(planned.verb.toCode() + " entries are not supported");
        }
        return result;
    }

    private void written(BundleEntryComponent result, StoredResource stored, String status, boolean representation) {
        String versioned = stored.resourceType() + "/" + stored.id() + "/_history/" + stored.version();
        result.setFullUrl(stored.resourceType() + "/" + stored.id());
        result.getResponse().setStatus(status).setLocation(versioned).setEtag("W/\"" + stored.version() + "\"")
                .setLastModified(Date.from(stored.lastUpdated()));
        if (representation) {
            result.setResource((Resource) StoredResources.toResource(fhir, stored));
        }
    }

    private Bundle searchSet(String type, String query) {
        SearchPage page = search.search(type, SearchCriteria.of(SearchCriteria.parseQuery(query)), null, 0,
                SEARCH_PAGE);
        Bundle set = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal((int) page.total());
        for (String id : page.ids()) {
            records.read(type, id).filter(s -> !s.deleted()).ifPresent(stored -> set.addEntry()
                    .setFullUrl(type + "/" + id)
                    .setResource((Resource) StoredResources.toResource(fhir, stored)));
        }
        return set;
    }

    /**
     * Points {@code urn:uuid:}/{@code urn:oid:} references at the ids their entries will have, and conditional
     * references ({@code Patient?identifier=...}) at their single match.
     */
    private void rewriteReferences(Resource resource, Map<String, String> resolved) {
        FhirTerser terser = fhir.newTerser();
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = reference.getReference();
            if (target == null || target.startsWith("#")) {
                continue;
            }
            String replacement = resolved.get(target);
            if (replacement == null && (target.startsWith("urn:uuid:") || target.startsWith("urn:oid:"))) {
                throw new InvalidRequestException("the reference " + target
                        + " is to no entry of this bundle (urn: references must resolve within a transaction)");
            }
            if (replacement == null && target.contains("?") && !target.contains("://")) {
                replacement = conditions.exactlyOne(target);
                resolved.put(target, replacement); // the same condition is resolved once per bundle
            }
            if (replacement != null) {
                reference.setReference(replacement);
                reference.setResource(null);
            }
        }
    }

    private <T> T inEntry(Planned planned, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw entryError(planned.index, planned.verb, e);
        }
    }

    /** The error of one entry as the whole transaction's error, naming the entry (by position, never content). */
    private static BaseServerResponseException entryError(int index, HTTPVerb verb, RuntimeException e) {
        BaseServerResponseException error = RecordExceptionTranslator.toFhir(e,
                "bundle entry " + index + (verb == null ? "" : " (" + verb.toCode() + ")"));
        if (error.getMessage() != null && error.getMessage().startsWith("Bundle entry ")) {
            return error;
        }
        return BaseServerResponseException.newInstance(error.getStatusCode(), "Bundle entry " + index
                + (verb == null ? "" : " (" + verb.toCode() + ")") + ": " + error.getMessage());
    }

    private Resource requireResource(BundleEntryComponent entry, String type) {
        if (!entry.hasResource()) {
            throw new InvalidRequestException("a " + entry.getRequest().getMethod().toCode() + " entry needs a resource");
        }
        Resource resource = entry.getResource();
        if (!resource.fhirType().equals(type)) {
            throw new InvalidRequestException("the resource is a " + resource.fhirType() + " but the URL names " + type);
        }
        return resource;
    }

    private static Matcher instance(String url, String type) {
        Matcher m = INSTANCE.matcher(url);
        if (!m.matches() || !m.group(1).equals(type)) {
            throw new InvalidRequestException("'" + url + "' is not of the form Type/id");
        }
        return m;
    }

    private static int etagVersion(String etag) {
        Matcher m = ETAG_VERSION.matcher(etag.trim());
        if (!m.matches()) {
            throw new InvalidRequestException("ifMatch must be a version ETag such as W/\"3\"");
        }
        return Integer.parseInt(m.group(1));
    }

    private String encode(IBaseResource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 422 -> "Unprocessable Entity";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
