package org.medledger.application.portal;

/** A prescription a doctor writes: the medication and how to take it, in words. */
public record PrescriptionEntry(String medication, String dosage) {
}
