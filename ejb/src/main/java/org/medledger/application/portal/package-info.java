/**
 * Portal use cases: registering doctors, nurses and patients, credential review, charts, consents given from the
 * portal, the audit trail, SMART backend clients and consortium membership votes, for the signed-in user the portal
 * names. May depend on the other application services, the domain model and infrastructure.
 */
package org.medledger.application.portal;
