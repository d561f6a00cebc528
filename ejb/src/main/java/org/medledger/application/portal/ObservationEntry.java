package org.medledger.application.portal;

import java.math.BigDecimal;

/** A measurement a doctor records after an appointment: what was measured, the value and its unit. */
public record ObservationEntry(String what, BigDecimal value, String unit) {
}
