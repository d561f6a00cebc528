/**
 * Deployment of the consortium contracts; the web3j wrappers are generated into
 * {@code org.medledger.contracts.generated} by the build. Depends on web3j only.
 */
package org.medledger.contracts;
