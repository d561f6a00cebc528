package org.medledger.domain.model.search;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One searchable value of the current version of a resource: a token (system, value), a reference
 * (as token value "Type/id"), a blind-indexed name or identifier, or a date range.
 */
@Entity
@Table(name = "search_index")
public class SearchIndexEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "resource_type", nullable = false, length = 64)
    private String resourceType;

    @Column(name = "resource_id", nullable = false, length = 64)
    private String resourceId;

    @Column(name = "param_name", nullable = false, length = 64)
    private String paramName;

    @Column(name = "token_system", length = 255)
    private String tokenSystem;

    @Column(name = "token_value", length = 255)
    private String tokenValue;

    @Column(name = "date_low")
    private Instant dateLow;

    @Column(name = "date_high")
    private Instant dateHigh;

    protected SearchIndexEntry() {
    }

    private SearchIndexEntry(String resourceType, String resourceId, String paramName) {
        this.resourceType = resourceType;
        this.resourceId = resourceId;
        this.paramName = paramName;
    }

    public static SearchIndexEntry token(String type, String id, String param, String system, String value) {
        SearchIndexEntry entry = new SearchIndexEntry(type, id, param);
        entry.tokenSystem = truncate(system);
        entry.tokenValue = truncate(value);
        return entry;
    }

    public static SearchIndexEntry date(String type, String id, String param, Instant low, Instant high) {
        SearchIndexEntry entry = new SearchIndexEntry(type, id, param);
        entry.dateLow = low;
        entry.dateHigh = high;
        return entry;
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 255 ? value : value.substring(0, 255);
    }

    public String getParamName() {
        return paramName;
    }

    public String getTokenSystem() {
        return tokenSystem;
    }

    public String getTokenValue() {
        return tokenValue;
    }

    public Instant getDateLow() {
        return dateLow;
    }

    public Instant getDateHigh() {
        return dateHigh;
    }
}
