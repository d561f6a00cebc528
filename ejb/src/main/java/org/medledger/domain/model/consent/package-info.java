/**
 * Consent: the patients' grants and revocations as the chain records them, the in-memory view every server keeps
 * of them, and the access policy that decides each request. Plain Java, no framework dependency.
 */
package org.medledger.domain.model.consent;
