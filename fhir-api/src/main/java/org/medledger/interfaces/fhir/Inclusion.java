package org.medledger.interfaces.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One {@code _include} ({@code Observation:patient}, {@code Encounter:subject:Patient}) or {@code _revinclude}
 * ({@code Observation:patient} on a Patient search), answered from the search index's reference entries.
 */
record Inclusion(boolean reverse, String sourceType, String parameter, String targetType) {

    /** The inclusions a search of {@code searchedType} asks for; includes of other types are ignored, as FHIR says. */
    static List<Inclusion> of(Map<String, String[]> parameters, String searchedType) {
        List<Inclusion> inclusions = new ArrayList<>();
        for (String name : List.of("_include", "_revinclude")) {
            for (String value : parameters.getOrDefault(name, new String[0])) {
                boolean reverse = name.equals("_revinclude");
                String[] parts = value.split(":");
                if (value.equals("*") || parts.length < 2 || parts.length > 3 || parts[1].equals("*")) {
                    throw new InvalidRequestException(name + "=" + value + " is not supported: name a source type and"
                            + " one of its reference parameters, e.g. " + (reverse ? "Observation:patient"
                            : "Observation:patient or Encounter:subject:Patient"));
                }
                String target = parts.length == 3 ? parts[2] : null;
                if (reverse && target != null && !target.equals(searchedType)) {
                    continue;
                }
                if (!reverse && !parts[0].equals(searchedType)) {
                    continue;
                }
                inclusions.add(new Inclusion(reverse, parts[0], parts[1], reverse ? searchedType : target));
            }
        }
        return inclusions;
    }
}
