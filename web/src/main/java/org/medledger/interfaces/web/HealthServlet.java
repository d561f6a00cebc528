package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.medledger.application.DashboardService;
import org.medledger.application.DashboardSnapshot;

/**
 * {@code GET /portal/health}: a JSON health report for monitoring. 200 while the chain is reachable,
 * 503 (with the same body) while it is not; writes keep succeeding either way and the anchoring
 * backlog shows how far behind the ledger is. Contains no patient data.
 */
@WebServlet(urlPatterns = "/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient DashboardService dashboard;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DashboardSnapshot snapshot = dashboard.snapshot();
        Instant oldest = snapshot.getOldestWaiting();
        long oldestAgeSeconds = oldest == null ? 0 : Duration.between(oldest, Instant.now()).toSeconds();
        response.setStatus(snapshot.isChainReachable() ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("{\"status\":\"" + (snapshot.isChainReachable() ? "UP" : "DEGRADED") + "\","
                + "\"chain\":{\"reachable\":" + snapshot.isChainReachable()
                + ",\"blockHeight\":" + snapshot.getBlockHeight() + "},"
                + "\"anchoring\":{\"backlog\":" + snapshot.getAnchorBacklog()
                + ",\"oldestPendingAgeSeconds\":" + oldestAgeSeconds + "}}");
    }
}
