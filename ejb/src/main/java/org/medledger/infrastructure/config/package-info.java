/**
 * Configuration: system properties and environment variables with documented defaults.
 * Depends on nothing else in MedLedger.
 */
package org.medledger.infrastructure.config;
