package org.medledger.application.portal;

import java.time.LocalDate;
import java.util.List;

/**
 * A consent a patient gives from the portal: to a doctor or nurse ({@code clinician:<username>}) or a member hospital
 * ({@code hospital:<account address>}), for categories and purposes of use, until a date (null: open-ended).
 */
public record ConsentRequest(String grantee, List<String> categories, List<String> purposes, LocalDate until) {
}
