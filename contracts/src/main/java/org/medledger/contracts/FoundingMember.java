package org.medledger.contracts;

import java.util.List;

/**
 * A hospital written into {@code ConsortiumRegistry} at deployment.
 *
 * @param account  the 0x address the hospital transacts with
 * @param enodeIds its Besu nodes' enode ids (128 hex characters each, any number, possibly none); all are
 *                 allowed to peer from deployment on
 */
public record FoundingMember(String name, String fhirBaseUrl, String account, List<String> enodeIds) {

    public FoundingMember {
        enodeIds = List.copyOf(enodeIds);
    }
}
