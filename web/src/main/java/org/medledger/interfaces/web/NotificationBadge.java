package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.medledger.application.notification.Notifications;

/** The page header's count of the signed-in user's unread notifications. */
@Named
@RequestScoped
public class NotificationBadge {

    @EJB
    private Notifications notifications;

    @Inject
    private CurrentUser user;

    private Long unread;

    public long getUnread() {
        if (unread == null) {
            unread = user.username() == null ? 0 : notifications.unreadCount(user.username());
        }
        return unread;
    }
}
