/**
 * Consent: the patients' grants and revocations as the chain records them, the in-memory view every server keeps
 * of them, the access policy that decides each request, and the changes on their way to the chain.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.consent;
