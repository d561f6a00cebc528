package org.medledger.application.portal;

import java.io.Serializable;
import java.util.List;
import org.medledger.application.IntegritySweepProgress;
import org.medledger.application.IntegritySweepReport;

/**
 * The sweep running now ({@code running}, null when none is) and the last finished one ({@code last}, null when none
 * has finished since this server started). Findings name versions and what mismatched, never content.
 */
public record IntegrityStatus(IntegritySweepProgress running, IntegritySweepReport last) implements Serializable {

    /** One mismatched version of the last sweep: its reference ({@code Type/id/_history/n}) and what disagreed. */
    public record Finding(String version, String mismatch) implements Serializable {
    }

    public List<Finding> findings() {
        if (last == null) {
            return List.of();
        }
        return last.mismatches().stream().map(line -> {
            int split = line.indexOf(": ");
            return split < 0 ? new Finding(line, "") : new Finding(line.substring(0, split), line.substring(split + 2));
        }).toList();
    }
}
