package org.medledger.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.medledger.application.portal.PortalAccessDeniedException;
import org.medledger.application.signin.SignInMethods;
import org.medledger.application.signin.SignInRefusedException;
import org.medledger.application.signin.SignInService;

/**
 * The EIP-4361 message a browser's wallet is to sign: {@code POST purpose=sign-in|link&address=0x...}, answered
 * with the message as plain text (400 with the reason when refused). A link message is only for the signed-in
 * patient. The signed message comes back through the page's form, which carries the view's CSRF state.
 */
@WebServlet("/wallet/message")
public class WalletMessageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private SignInService signIn;

    @EJB
    private SignInMethods methods;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String address = request.getParameter("address");
        String message;
        try {
            message = switch (String.valueOf(request.getParameter("purpose"))) {
                case "sign-in" -> signIn.walletMessage(address, domainOf(request),
                        originOf(request) + request.getContextPath() + "/login.xhtml");
                case "link" -> methods.walletLinkMessage(request.getRemoteUser(), address, domainOf(request),
                        originOf(request) + request.getContextPath() + "/app/profile.xhtml");
                default -> throw new SignInRefusedException("Unknown purpose: ask for sign-in or link.");
            };
        } catch (SignInRefusedException | PortalAccessDeniedException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            message = e.getMessage();
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(message);
    }

    /** The EIP-4361 domain: the authority the browser asked for (host, and port unless the scheme's default). */
    static String domainOf(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(request.getScheme()) && port == 80)
                || ("https".equals(request.getScheme()) && port == 443);
        return request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    static String originOf(HttpServletRequest request) {
        return request.getScheme() + "://" + domainOf(request);
    }
}
