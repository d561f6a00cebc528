/**
 * Consent use cases: FHIR Consent versions turned into grants and revocations on {@code ConsentRegistry}, the
 * follower that keeps this server's consent view current, and access decisions. May depend on the domain model
 * and infrastructure.
 */
package org.medledger.application.consent;
