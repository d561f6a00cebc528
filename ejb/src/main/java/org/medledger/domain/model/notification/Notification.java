package org.medledger.domain.model.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Something the portal tells one user, unread until they mark it read. */
@Entity
@Table(name = "portal_notification")
public class Notification {

    /** What it is about; each kind leads to the page where the user can act on it. */
    public enum Kind { ACCESS_REQUESTED, ACCESS_REQUEST_ANSWERED, EMERGENCY_ACCESS, FLAGGED_EVENT }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "recipient", nullable = false, length = 64)
    private String recipient;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 32)
    private Kind kind;

    @Column(name = "message", nullable = false, length = 500)
    private String message;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private Instant readAt;

    protected Notification() {
    }

    public Notification(String recipient, Kind kind, String message, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.recipient = recipient;
        this.kind = kind;
        this.message = message.length() > 500 ? message.substring(0, 500) : message;
        this.createdAt = createdAt;
    }

    public void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    public String getId() {
        return id;
    }

    public String getRecipient() {
        return recipient;
    }

    public Kind getKind() {
        return kind;
    }

    public String getMessage() {
        return message;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getReadAt() {
        return readAt;
    }
}
