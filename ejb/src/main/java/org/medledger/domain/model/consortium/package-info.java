/**
 * The consortium of member hospitals as {@code ConsortiumRegistry} records it: members and the proposals they vote
 * on. Plain values read from the chain; depends on nothing else.
 */
package org.medledger.domain.model.consortium;
