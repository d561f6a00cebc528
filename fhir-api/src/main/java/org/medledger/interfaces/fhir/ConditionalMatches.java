package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.medledger.application.search.ResourceSearch;
import org.medledger.application.search.SearchCriterion;

/**
 * Resolves conditional URLs ({@code Patient?identifier=http://hospital.example/mrn|123}) used by conditional
 * create, update and delete and by conditional references in transaction bundles.
 */
final class ConditionalMatches {

    private final ResourceSearch search;

    ConditionalMatches(ResourceSearch search) {
        this.search = search;
    }

    /** At most one match: its id, or empty; more than one is 412 as the FHIR specification asks. */
    Optional<String> atMostOne(String resourceType, String conditionalUrl) {
        List<String> ids = matches(resourceType, conditionalUrl, 2);
        if (ids.size() > 1) {
            throw new PreconditionFailedException("The condition " + describe(conditionalUrl)
                    + " matches more than one " + resourceType);
        }
        return ids.stream().findFirst();
    }

    /** Exactly one match (a conditional reference): {@code Type/id}; none is 404, several 412. */
    String exactlyOne(String conditionalReference) {
        int q = conditionalReference.indexOf('?');
        String type = conditionalReference.substring(0, q);
        return type + "/" + atMostOne(type, conditionalReference).orElseThrow(() -> new ResourceNotFoundException(
                "The conditional reference " + describe(conditionalReference) + " matches no " + type));
    }

    List<String> matches(String resourceType, String conditionalUrl, int limit) {
        String query = conditionalUrl;
        int q = query.indexOf('?');
        if (q >= 0) {
            // HAPI hands over "Patient?...", "/Patient?..." or an absolute URL: the type is the last path segment.
            String path = query.substring(0, q);
            String type = path.substring(path.lastIndexOf('/') + 1);
            if (!type.isEmpty() && !type.equals(resourceType)) {
                throw new InvalidRequestException("The condition " + describe(conditionalUrl) + " is about " + type
                        + ", not " + resourceType);
            }
            query = query.substring(q + 1);
        }
        List<SearchCriterion> criteria = SearchCriteria.of(SearchCriteria.parseQuery(query));
        if (criteria.isEmpty()) {
            throw new InvalidRequestException("A conditional URL needs at least one search parameter");
        }
        return search.search(resourceType, criteria, null, 0, limit).ids();
    }

    /** Names the parameters of a condition, not their values (which may identify a patient). */
    private static String describe(String conditionalUrl) {
        int q = conditionalUrl.indexOf('?');
        String query = q >= 0 ? conditionalUrl.substring(q + 1) : conditionalUrl;
        StringBuilder names = new StringBuilder();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            names.append(names.length() == 0 ? "" : "&").append(eq > 0 ? pair.substring(0, eq) : pair).append("=...");
        }
        return "'" + (q > 0 ? conditionalUrl.substring(0, q) : "") + "?" + names + "'";
    }
}
