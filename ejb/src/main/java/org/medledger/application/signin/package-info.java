/**
 * Portal sign-in: the password step, the staff's second factor (TOTP), patients' Ethereum wallets (EIP-4361 messages
 * signed in the browser), and the single-use ticket that hands a proven caller to the portal's security mechanism.
 * May depend on the other application services, the domain model and infrastructure.
 */
package org.medledger.application.signin;
