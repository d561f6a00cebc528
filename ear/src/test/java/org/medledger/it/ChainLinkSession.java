package org.medledger.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Opens the chain link before the first test class starts the managed server, so the EAR the server deploys at
 * boot finds its chain from the first moment. Registered in META-INF/services.
 */
public final class ChainLinkSession implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        ChainLink.up();
    }
}
