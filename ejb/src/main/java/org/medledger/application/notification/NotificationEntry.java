package org.medledger.application.notification;

import java.io.Serializable;

/**
 * One notification as the notifications page lists it: when, what (text written for its recipient, with nothing
 * about a patient they may not already see), the portal page where they can act on it, and whether it was read.
 */
public record NotificationEntry(String id, String when, String message, String page, boolean unread)
        implements Serializable {
}
