/**
 * The synthetic demo data set, loaded only in demo mode.
 * May depend on the application layer and configuration.
 */
package org.medledger.infrastructure.demo;
