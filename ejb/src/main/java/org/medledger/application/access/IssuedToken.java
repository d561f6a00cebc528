package org.medledger.application.access;

/** The token endpoint's answer: a bearer token, its lifetime in seconds and the scopes it carries. */
public record IssuedToken(String accessToken, long expiresIn, String scope) {
}
