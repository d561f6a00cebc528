package org.medledger.application.portal;

import jakarta.ejb.ApplicationException;

/** The chosen time was booked by someone else first (the database's unique slot constraint refused the second). */
@ApplicationException(rollback = true)
public class SlotTakenException extends RuntimeException {

    public SlotTakenException() {
        super("That time was just booked by someone else: choose another time");
    }
}
