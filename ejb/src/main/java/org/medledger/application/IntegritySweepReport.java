package org.medledger.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** What one integrity sweep found; {@code mismatches} lists "reference: finding" lines, never content. */
public record IntegritySweepReport(Instant startedAt, Instant finishedAt, String triggeredBy, long checked,
                                   long matched, long pending, long erased, long mismatched,
                                   List<String> mismatches) implements Serializable {
}
