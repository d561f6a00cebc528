/**
 * JPA repositories and schema migrations over the MedLedger datasource.
 * May depend on the domain model and the configuration.
 */
package org.medledger.infrastructure.persistence;
