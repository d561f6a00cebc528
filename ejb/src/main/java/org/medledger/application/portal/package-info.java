/**
 * Portal use cases: registering doctors, nurses and patients, credential review, charts (with their documents,
 * uploaded and downloaded, and the patient's export of all their data), consents given from the portal, doctors'
 * access requests and the patients' answers, break-glass from the portal, the auditors' review of flagged events,
 * appointments (and the treating relationships they make), the audit trail, integrity sweeps, the ledger overview and
 * users' transaction records, SMART backend clients and consortium membership votes, for the signed-in user the portal
 * names. May depend on the other application services, the domain model and infrastructure.
 */
package org.medledger.application.portal;
