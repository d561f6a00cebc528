package org.medledger.application.portal;

import java.io.Serializable;
import java.math.BigDecimal;

/** One measured value on a chart (an Observation with a quantity): what, in which unit, when, how much. */
public record VitalSign(String what, String unit, String when, BigDecimal value) implements Serializable {
}
