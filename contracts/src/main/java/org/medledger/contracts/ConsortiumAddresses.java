package org.medledger.contracts;

/** Where the three consortium contracts live on a chain. */
public record ConsortiumAddresses(String consortiumRegistry, String recordAnchor, String consentRegistry) {
}
