package org.medledger.application;

import java.io.Serializable;
import java.time.Instant;

/**
 * A sweep in progress: when it started, who asked, how many versions it has checked of how many there were when it
 * started, and how many mismatched so far.
 */
public record IntegritySweepProgress(Instant startedAt, String triggeredBy, long checked, long total,
                                     long mismatched) implements Serializable {
}
