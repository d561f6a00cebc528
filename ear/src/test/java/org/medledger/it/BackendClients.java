package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** A hospital system registered as a SMART backend client, and an access token for it (RS384 client assertion). */
final class BackendClients {

    private BackendClients() {
    }

    /**
     * Registers a client (as the administrator) and returns an access token for the given scopes.
     *
     * @param memberAddress the member hospital the client belongs to, or null for this hospital's own system
     */
    static String accessToken(FhirHttp http, String name, String scope, String memberAddress) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k").generate();
        String jwks = new JWKSet(key.toPublicJWK()).toString();
        StringBuilder parameters = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"name\",\"valueString\":\"" + name + "\"},"
                + "{\"name\":\"jwks\",\"valueString\":" + FhirHttp.JSON.writeValueAsString(jwks) + "},"
                + "{\"name\":\"scope\",\"valueString\":\"" + scope + "\"}");
        if (memberAddress != null) {
            parameters.append(",{\"name\":\"member-address\",\"valueString\":\"").append(memberAddress).append("\"}");
        }
        HttpResponse<String> registered = http.postAsAdministrator("/fhir/$register-backend-client",
                parameters.append("]}").toString());
        assertEquals(200, registered.statusCode(), registered.body());
        String client = FhirHttp.parameters(registered.body()).get("client_id").path("valueString").asText();

        String endpoint = MedLedgerDeployment.baseUrl() + "/fhir/auth/token";
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(client).subject(client).audience(endpoint)
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString())
                        .build());
        assertion.sign(new RSASSASigner(key));
        String form = "grant_type=client_credentials"
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion.serialize()) + "&scope=" + enc(scope);
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, issued.statusCode(), issued.body());
        return FhirHttp.JSON.readTree(issued.body()).path("access_token").asText();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
