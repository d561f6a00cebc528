package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medledger.application.search.SearchCriterion;

/** Turns FHIR search parameters (from a request or from a conditional URL) into search criteria. */
final class SearchCriteria {

    /** Handled by HAPI itself (paging, format, summary, elements, includes), not search criteria. */
    static final Set<String> CONTROL_PARAMETERS = Set.of("_count", "_sort", "_format", "_pretty",
            "_summary", "_elements", "_total", "_getpages", "_getpagesoffset", "_bundletype", "_include",
            "_revinclude");

    private SearchCriteria() {
    }

    static List<SearchCriterion> of(Map<String, String[]> parameters) {
        List<SearchCriterion> criteria = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (CONTROL_PARAMETERS.contains(name)) {
                continue;
            }
            if (name.startsWith("_has")) {
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
        return criteria;
    }

    /** Parses the query part of a URL ({@code a=1&b=2}, percent-encoded) into parameters. */
    static Map<String, String[]> parseQuery(String query) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidRequestException("'" + pair + "' is not a name=value search parameter");
            }
            String name = decode(pair.substring(0, eq));
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(decode(pair.substring(eq + 1)));
        }
        Map<String, String[]> result = new LinkedHashMap<>();
        values.forEach((name, list) -> result.put(name, list.toArray(String[]::new)));
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("Malformed percent-encoding in '" + text + "'");
        }
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
}
