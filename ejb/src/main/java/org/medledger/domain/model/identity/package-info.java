/**
 * Identity: portal user accounts and roles, and the ways they sign in: linked Ethereum wallets, TOTP second
 * factors, single-use sign-in tokens and the EIP-4361 message format.
 * Depends on Jakarta Persistence annotations only.
 */
package org.medledger.domain.model.identity;
