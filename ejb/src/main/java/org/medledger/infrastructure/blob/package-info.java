/**
 * Blob stores: the local content-addressed directory (default) and the configured choice between stores.
 * May depend on the domain's blob interfaces, the configuration and the JDK.
 */
package org.medledger.infrastructure.blob;
