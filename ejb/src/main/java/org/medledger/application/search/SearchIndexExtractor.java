package org.medledger.application.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.medledger.domain.model.search.SearchIndexEntry;
import org.medledger.infrastructure.crypto.BlindIndex;

/**
 * Reads the values of a resource's search parameters from its JSON. Names and identifiers leave here
 * only as blind indexes.
 */
public final class SearchIndexExtractor {

    /** Stand-ins for an open period end that every database stores. */
    static final Instant OPEN_START = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant OPEN_END = Instant.parse("9999-12-31T23:59:59Z");

    private final BlindIndex blindIndex;

    public SearchIndexExtractor(BlindIndex blindIndex) {
        this.blindIndex = blindIndex;
    }

    public List<SearchIndexEntry> extract(String type, String id, JsonNode resource) {
        List<SearchIndexEntry> entries = new ArrayList<>();
        for (SearchParameterDefinition parameter : SearchParameterCatalog.forType(type)) {
            for (String path : parameter.paths()) {
                for (JsonNode value : values(resource, path)) {
                    index(type, id, parameter, value, entries);
                }
            }
        }
        return entries;
    }

    private void index(String type, String id, SearchParameterDefinition parameter, JsonNode value,
                       List<SearchIndexEntry> out) {
        String name = parameter.name();
        switch (parameter.kind()) {
            case TOKEN -> tokens(value).forEach(t -> out.add(SearchIndexEntry.token(type, id, name, t[0], t[1])));
            case REFERENCE -> {
                String reference = referenceOf(value);
                if (reference != null) {
                    // Stored as (target type, target id), so both Patient/123 and a bare 123 are index lookups.
                    int slash = reference.indexOf('/');
                    out.add(SearchIndexEntry.token(type, id, name, reference.substring(0, slash),
                            reference.substring(slash + 1)));
                }
            }
            case DATE -> {
                Instant[] range = rangeOf(value);
                if (range != null) {
                    out.add(SearchIndexEntry.date(type, id, name, range[0], range[1]));
                }
            }
            case NAME -> {
                if (value.isTextual() && !value.asText().isBlank()) {
                    out.add(SearchIndexEntry.token(type, id, name, null, blindIndex.ofName(value.asText())));
                }
            }
            case IDENTIFIER -> {
                String system = value.path("system").asText("");
                String identifier = value.path("value").asText("");
                if (!identifier.isBlank()) {
                    out.add(SearchIndexEntry.token(type, id, name, system,
                            blindIndex.ofIdentifier(system, identifier)));
                    out.add(SearchIndexEntry.token(type, id, name, null, blindIndex.ofIdentifier("", identifier)));
                }
            }
        }
    }

    /** Blind index of a name search term, the same way names are indexed. */
    public String blindName(String term) {
        return blindIndex.ofName(term);
    }

    /** Blind index of an identifier search term. */
    public String blindIdentifier(String system, String value) {
        return blindIndex.ofIdentifier(system == null ? "" : system, value);
    }

    static List<JsonNode> values(JsonNode node, String path) {
        List<JsonNode> current = List.of(node);
        for (String segment : path.split("\\.")) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                JsonNode child = n.get(segment);
                if (child == null || child.isNull()) {
                    continue;
                }
                if (child.isArray()) {
                    child.forEach(next::add);
                } else {
                    next.add(child);
                }
            }
            current = next;
        }
        return current;
    }

    /** [system, code] pairs of a code, Coding, CodeableConcept or Identifier-like value. */
    private static List<String[]> tokens(JsonNode value) {
        List<String[]> tokens = new ArrayList<>();
        if (value.isTextual()) {
            tokens.add(new String[]{null, value.asText()});
        } else if (value.has("coding")) {
            value.get("coding").forEach(coding -> {
                if (coding.hasNonNull("code")) {
                    tokens.add(new String[]{coding.path("system").asText(null), coding.get("code").asText()});
                }
            });
        } else if (value.hasNonNull("code")) {
            tokens.add(new String[]{value.path("system").asText(null), value.get("code").asText()});
        }
        return tokens;
    }

    /** "Type/id" of a Reference, without base URL or version. */
    static String referenceOf(JsonNode value) {
        String reference = value.isTextual() ? value.asText() : value.path("reference").asText(null);
        if (reference == null || reference.startsWith("#") || reference.startsWith("urn:")) {
            return null;
        }
        int history = reference.indexOf("/_history/");
        if (history > 0) {
            reference = reference.substring(0, history);
        }
        String[] parts = reference.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : null;
    }

    /** [low, high) instants covered by a FHIR date, dateTime, instant or Period. */
    static Instant[] rangeOf(JsonNode value) {
        if (value.isObject()) {
            Instant[] start = value.has("start") ? rangeOf(value.get("start")) : null;
            Instant[] end = value.has("end") ? rangeOf(value.get("end")) : null;
            if (start == null && end == null) {
                return null;
            }
            return new Instant[]{start == null ? OPEN_START : start[0], end == null ? OPEN_END : end[1]};
        }
        return value.isTextual() ? parseRange(value.asText()) : null;
    }

    /** Parses a FHIR date/dateTime at its precision into a half-open instant range; null when malformed. */
    public static Instant[] parseRange(String text) {
        try {
            if (text.length() == 4) {
                LocalDate start = LocalDate.of(Integer.parseInt(text), 1, 1);
                return new Instant[]{utc(start), utc(start.plusYears(1))};
            }
            if (text.length() == 7) {
                YearMonth month = YearMonth.parse(text);
                return new Instant[]{utc(month.atDay(1)), utc(month.plusMonths(1).atDay(1))};
            }
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return new Instant[]{utc(day), utc(day.plusDays(1))};
            }
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return new Instant[]{instant, instant.plusMillis(1)};
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private static Instant utc(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
