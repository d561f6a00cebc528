/**
 * Consent: the patients' grants and revocations as the chain records them, the in-memory view every server keeps
 * of them, the access policy that decides each request, the changes on their way to the chain, doctors' requests
 * to patients for access, and the details of break-glass declarations made in the portal.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.consent;
