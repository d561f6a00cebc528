/**
 * Portal use cases: registering doctors and patients, credential review, charts, consents given from the portal,
 * doctors' access requests and the patients' answers, break-glass from the portal, the auditors' review of flagged
 * events and the audit trail, for the signed-in user the portal names. May depend on the other application
 * services, the domain model and infrastructure.
 */
package org.medledger.application.portal;
