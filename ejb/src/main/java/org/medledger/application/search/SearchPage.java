package org.medledger.application.search;

import java.io.Serializable;
import java.util.List;

/** Ids of one page of matches, in result order, and the total number of matches. */
public record SearchPage(List<String> ids, long total) implements Serializable {
}
