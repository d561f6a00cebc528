package org.medledger.application.search;

import java.util.List;

/**
 * One search parameter of a query with its values: the values are alternatives (OR, comma-separated
 * in the URL); separate criteria must all hold (AND, repeated parameters).
 */
public record SearchCriterion(String parameter, List<String> values) {
}
