package org.medledger.application.portal;

import java.util.List;

/** What a doctor asks a patient for: kinds of records (consent categories), purposes of use and why. */
public record AccessRequestForm(List<String> categories, List<String> purposes, String reason) {
}
