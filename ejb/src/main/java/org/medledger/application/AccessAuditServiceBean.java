package org.medledger.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Instant;
import java.util.List;

@Stateless
public class AccessAuditServiceBean implements AccessAuditService {

    private static final int MAX_ENTITIES = 50;

    @EJB
    private RecordService records;

    @Override
    public void record(String interaction, String action, int outcome, String clientId, String memberAddress,
                       String purpose, List<String> references) {
        List<String> kept = references.stream().distinct().limit(MAX_ENTITIES).toList();
        records.create("AuditEvent", AuditEvents.restAccess(interaction, action, outcome,
                clientId == null ? "unidentified" : clientId, memberAddress, purpose, kept, Instant.now()));
    }
}
