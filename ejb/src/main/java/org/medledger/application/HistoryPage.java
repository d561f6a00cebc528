package org.medledger.application;

import java.util.List;

/** One page of a history and how many versions the whole history has. */
public record HistoryPage(List<StoredResource> versions, long total) {
}
