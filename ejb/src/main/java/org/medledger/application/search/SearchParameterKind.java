package org.medledger.application.search;

/** How a search parameter's values are indexed and matched. */
public enum SearchParameterKind {
    /** Codes, codings and codeable concepts: {@code [system|]code}. */
    TOKEN,
    /** References to other resources: {@code Type/id} or a bare id. */
    REFERENCE,
    /** Dates, date-times, instants and periods, with prefixes eq, ne, gt, ge, lt, le. */
    DATE,
    /** Human names, matched exactly (case- and space-insensitive) through a blind index. */
    NAME,
    /** Identifiers, matched exactly through a blind index: {@code [system|]value}. */
    IDENTIFIER
}
