/**
 * Generator and operator CLI for the hospitals' Besu QBFT/IBFT 2.0 network: keys, genesis, node configs, votes.
 * Depends on web3j (crypto, RLP, JSON-RPC), picocli, and medledger-contracts for the consortium deployment only.
 */
package org.medledger.besunetwork;
