/**
 * The PrimeFaces portal: thin view beans that call one application service each.
 * Depends on the application layer and the domain values its services take and return (roles, consortium
 * members and proposals).
 */
package org.medledger.interfaces.web;
