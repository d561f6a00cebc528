package org.medledger.interfaces.web;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.medledger.infrastructure.config.MedLedgerSettings;

/**
 * Every portal session ends after {@code medledger.portal.session-idle-seconds} without a request. Read as each
 * session starts, so a changed setting applies to the sessions started afterwards; pages learn the figure from
 * {@link SessionView} to warn before it runs out.
 */
@WebListener
public class SessionIdlePolicy implements HttpSessionListener {

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        event.getSession().setMaxInactiveInterval((int) MedLedgerSettings.portalSessionIdle().toSeconds());
    }
}
