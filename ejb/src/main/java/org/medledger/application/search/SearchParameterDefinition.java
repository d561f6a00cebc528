package org.medledger.application.search;

import java.util.List;

/**
 * A search parameter MedLedger indexes: its FHIR name, kind, and the element paths (dot-separated,
 * arrays flattened) it reads from the resource JSON.
 */
public record SearchParameterDefinition(String name, SearchParameterKind kind, List<String> paths,
                                        String description) {
}
