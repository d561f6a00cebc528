package org.medledger.application.portal;

import java.io.Serializable;

/** A bookable time: {@code key} (the start as an ISO instant) is what booking takes, day and time are for people. */
public record FreeSlot(String key, String day, String time) implements Serializable {
}
