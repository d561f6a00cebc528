package org.medledger.domain.model.consortium;

import java.io.Serializable;
import java.util.List;

/** A member hospital as {@code ConsortiumRegistry} lists it: account address, name, FHIR base URL, Besu nodes. */
public record ConsortiumMember(String account, String name, String fhirBaseUrl, List<String> enodeIds)
        implements Serializable {
}
