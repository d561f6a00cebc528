/**
 * The PrimeFaces portal: thin view beans that call one application service each.
 * Depends on the application layer only.
 */
package org.medledger.interfaces.web;
