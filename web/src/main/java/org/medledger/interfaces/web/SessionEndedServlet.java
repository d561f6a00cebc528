package org.medledger.interfaces.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Where a page goes when its idle session runs out: signs out, ends the session (whether or not the server already
 * expired it) and opens the sign-in page, which says why ({@code after}: the session's idle time in seconds, as the
 * page knew it).
 */
@WebServlet("/session-ended")
public class SessionEndedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getRemoteUser() != null) {
            request.logout();
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.setHeader("Cache-Control", "no-store");
        String after = request.getParameter("after");
        response.sendRedirect(request.getContextPath() + "/login.xhtml?ended=idle"
                + (after != null && after.matches("[0-9]{1,6}") ? "&after=" + after : ""));
    }
}
