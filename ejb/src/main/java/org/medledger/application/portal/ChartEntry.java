package org.medledger.application.portal;

import java.io.Serializable;

/** One record on a chart: its current version, what it says in a line, and whether that version is anchored yet. */
public record ChartEntry(String reference, String type, int version, String when, String summary, boolean anchored)
        implements Serializable {

    public String anchoring() {
        return anchored ? "Anchored on chain" : "Pending anchoring";
    }
}
