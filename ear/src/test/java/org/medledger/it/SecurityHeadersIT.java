package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a browser or a hospital system sees on every response: one Content-Security-Policy that forbids framing
 * (on portal pages with PrimeFaces' per-response script nonce, no inline scripts otherwise), nosniff, DENY framing,
 * no referrer, FHIR responses that no cache may keep, also on errors; HSTS on HTTPS and only there.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityHeadersIT {

    private static final FhirHttp HTTP = new FhirHttp();
    private static final String HTTPS_BASE = "https://127.0.0.1:"
            + (8443 + Integer.getInteger("medledger.it.port-offset", 100));

    @Test
    void portalPageCarriesOnePolicyWhoseScriptNonceIsTheOnePrimeFacesUsed() throws Exception {
        HttpResponse<String> login = HTTP.get("/portal/login.xhtml");
        assertEquals(200, login.statusCode());
        String policy = onlyPolicy(login.headers());
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertTrue(policy.contains("object-src 'none'"), policy);
        Matcher scriptSrc = Pattern.compile("script-src ([^;]*)").matcher(policy);
        assertTrue(scriptSrc.find(), policy);
        assertFalse(scriptSrc.group(1).contains("unsafe-inline"), "no inline scripts without the nonce: " + policy);
        Matcher nonce = Pattern.compile("'nonce-([^']+)'").matcher(scriptSrc.group(1));
        assertTrue(nonce.find(), "PrimeFaces' nonce is in the one policy: " + policy);
        assertTrue(login.body().contains("nonce=\"" + nonce.group(1) + "\""), "the page's scripts carry that nonce");
        assertBrowserHardening(login.headers());
        assertNoHsts(login.headers());

        String again = onlyPolicy(HTTP.get("/portal/login.xhtml").headers());
        assertFalse(again.contains(nonce.group(1)), "a fresh nonce for every response");
    }

    @Test
    void portalResponsesOutsideFacesAndMissingPagesCarryThePolicyToo() throws Exception {
        for (String path : List.of("/portal/health", "/portal/index.html", "/portal/no-such-page.html",
                "/portal/no-such-view.xhtml")) {
            HttpResponse<String> response = HTTP.get(path);
            String policy = onlyPolicy(response.headers());
            assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("script-src 'self'"),
                    path + " (" + response.statusCode() + "): " + policy);
            assertBrowserHardening(response.headers());
        }
        assertEquals(404, HTTP.get("/portal/no-such-page.html").statusCode());
    }

    @Test
    void patientReadIsNeitherCacheableNorRenderable() throws Exception {
        String id = HTTP.create("Patient", SyntheticPatients.json("Headers"));
        HttpResponse<String> read = HTTP.get("/fhir/Patient/" + id);
        assertEquals(200, read.statusCode());
        assertFhirHeaders(read);
        HttpResponse<String> search = HTTP.get("/fhir/Patient?_id=" + id);
        assertEquals(200, search.statusCode());
        assertFhirHeaders(search);
    }

    @Test
    void fhirErrorsCarryTheSameHeaders() throws Exception {
        HttpResponse<String> missing = HTTP.get("/fhir/Patient/no-such-patient-0");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("OperationOutcome"), missing.body());
        assertFhirHeaders(missing);

        HttpResponse<String> malformed = HTTP.post("/fhir/Patient", "{\"resourceType\":", "application/fhir+json");
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("OperationOutcome"), malformed.body());
        assertFhirHeaders(malformed);

        HttpResponse<String> unknownType = HTTP.get("/fhir/NoSuchType/1");
        assertTrue(unknownType.statusCode() >= 400 && unknownType.statusCode() < 500, unknownType.body());
        assertFhirHeaders(unknownType);
    }

    @Test
    void httpsResponsesAndOnlyTheyAskBrowsersToStayOnHttps() throws Exception {
        HttpClient https = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustingContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        String id = HTTP.create("Patient", SyntheticPatients.json("Hsts"));
        for (String path : List.of("/fhir/metadata", "/fhir/Patient/" + id, "/portal/login.xhtml",
                "/fhir/Patient/no-such-patient-0")) {
            HttpResponse<String> secure = https.send(HttpRequest.newBuilder(URI.create(HTTPS_BASE + path)).GET()
                    .header("Accept", path.startsWith("/portal") ? "text/html" : "application/fhir+json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(secure.statusCode() == 200 || secure.statusCode() == 404, path + ": " + secure.statusCode());
            String hsts = secure.headers().firstValue("Strict-Transport-Security").orElse("");
            Matcher maxAge = Pattern.compile("max-age=(\\d+)").matcher(hsts);
            assertTrue(maxAge.find() && Long.parseLong(maxAge.group(1)) >= 31_536_000L, path + ": HSTS " + hsts);
            assertBrowserHardening(secure.headers());
            assertNoHsts(HTTP.get(path).headers());
        }
    }

    private static void assertFhirHeaders(HttpResponse<String> response) {
        HttpHeaders headers = response.headers();
        assertEquals(List.of("no-store"), headers.allValues("Cache-Control"), response.uri().toString());
        String policy = onlyPolicy(headers);
        assertTrue(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"), policy);
        assertBrowserHardening(headers);
        assertNoHsts(headers);
    }

    private static void assertBrowserHardening(HttpHeaders headers) {
        assertEquals(List.of("nosniff"), headers.allValues("X-Content-Type-Options"));
        assertEquals(List.of("DENY"), headers.allValues("X-Frame-Options"));
        assertEquals(List.of("no-referrer"), headers.allValues("Referrer-Policy"));
    }

    private static void assertNoHsts(HttpHeaders headers) {
        assertTrue(headers.firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over plain HTTP");
    }

    private static String onlyPolicy(HttpHeaders headers) {
        List<String> policies = headers.allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), "exactly one policy: " + policies);
        return policies.get(0);
    }

    /** The test server's certificate is WildFly's self-signed one: what is checked here is headers, not PKI. */
    private static SSLContext trustingContext() throws Exception {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
        return context;
    }
}
