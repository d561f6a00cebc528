package org.medledger.application.portal;

/**
 * A hospital proposed as a new member: its name, FHIR base URL, signing account address and, if it already runs
 * one, its Besu node's enode id (128 hex digits, or an {@code enode://} URL whose id part is taken).
 */
public record MemberProposal(String name, String fhirBaseUrl, String address, String enodeId) {
}
