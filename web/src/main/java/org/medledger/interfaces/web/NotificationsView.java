package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.medledger.application.RecordNotFoundException;
import org.medledger.application.notification.NotificationEntry;
import org.medledger.application.notification.Notifications;

/** Any signed-in user: my notifications, and marking them read. */
@Named
@ViewScoped
public class NotificationsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private Notifications notifications;

    @Inject
    private CurrentUser user;

    private List<NotificationEntry> entries;

    @PostConstruct
    void load() {
        entries = notifications.of(user.username());
    }

    public String markRead(String notificationId) {
        try {
            notifications.markRead(user.username(), notificationId);
        } catch (RecordNotFoundException e) {
            PageMessages.error("Not marked", "There is no such notification of yours.");
            return null;
        }
        return "/app/notifications?faces-redirect=true";
    }

    public String markAllRead() {
        notifications.markAllRead(user.username());
        return "/app/notifications?faces-redirect=true";
    }

    public List<NotificationEntry> getEntries() {
        return entries;
    }
}
