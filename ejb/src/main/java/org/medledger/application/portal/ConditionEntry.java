package org.medledger.application.portal;

import java.time.LocalDate;

/** A diagnosis a doctor records: the condition in words, its clinical status (FHIR code) and when it began. */
public record ConditionEntry(String condition, String clinicalStatus, LocalDate onset) {
}
