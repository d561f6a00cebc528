package org.medledger.application.notification;

import java.time.Instant;
import java.util.List;

/** What the portal tells its users, and their unread count. */
public interface Notifications {

    /** At most this many notifications are listed, newest first. */
    int LIMIT = 200;

    /** Tells a patient that a doctor asks for access to their records. */
    void accessRequested(String patientUsername, String doctorDisplay, List<String> categories, List<String> purposes);

    /** Tells a doctor that their request of {@code requestedAt} was approved or denied. */
    void accessRequestAnswered(String doctorUsername, boolean approved, Instant requestedAt);

    /**
     * A break-glass declared for a patient held here: tells the patient, if they have a portal login, and every
     * auditor, since the declaration is flagged for review.
     */
    void emergencyDeclared(String patientId, String declaredBy, Instant until, String auditEventId);

    long unreadCount(String username);

    List<NotificationEntry> of(String username);

    /** Marks one of the user's notifications read; another user's is refused. */
    void markRead(String username, String notificationId);

    void markAllRead(String username);
}
