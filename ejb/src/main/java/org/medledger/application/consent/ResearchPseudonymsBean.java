package org.medledger.application.consent;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.medledger.application.RecordSealer;
import org.medledger.infrastructure.crypto.ResearchPseudonym;

@Singleton
@Lock(LockType.READ)
public class ResearchPseudonymsBean implements ResearchPseudonyms {

    @Inject
    private RecordSealer sealer;

    private ResearchPseudonym pseudonym;

    @PostConstruct
    void open() {
        pseudonym = sealer.researchPseudonym();
    }

    @Override
    public String idOf(String resourceType, String id) {
        return pseudonym.idOf(resourceType, id);
    }

    @Override
    public int dateShiftDays(String patientId) {
        return pseudonym.dateShiftDays(patientId);
    }
}
