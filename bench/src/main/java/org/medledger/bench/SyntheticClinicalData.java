package org.medledger.bench;

import java.util.Locale;
import java.util.Random;

/** Invented patients and vital-sign observations with LOINC codes and UCUM units; no real or real-looking PHI. */
final class SyntheticClinicalData {

    private static final String[][] VITALS = {
            {"8867-4", "Heart rate", "/min", "beats/minute", "55", "110"},
            {"8310-5", "Body temperature", "Cel", "Cel", "36", "39"},
            {"8480-6", "Systolic blood pressure", "mm[Hg]", "mmHg", "95", "170"},
            {"8462-4", "Diastolic blood pressure", "mm[Hg]", "mmHg", "55", "100"},
            {"9279-1", "Respiratory rate", "/min", "breaths/minute", "10", "28"},
    };

    private final Random random;

    SyntheticClinicalData(long seed) {
        this.random = new Random(seed);
    }

    String patient(int n) {
        return """
                {"resourceType":"Patient","identifier":[{"system":"urn:medledger:bench:mrn","value":"BENCH-%06d"}],\
                "name":[{"family":"Benchpatient-%05d","given":["Synthetic"]}],"gender":"%s","birthDate":"%d-%02d-%02d"}"""
                .formatted(n, n, random.nextBoolean() ? "female" : "male", 1940 + random.nextInt(70),
                        1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    String observation(String patientId) {
        String[] vital = VITALS[random.nextInt(VITALS.length)];
        double low = Double.parseDouble(vital[4]);
        double high = Double.parseDouble(vital[5]);
        double value = low + random.nextDouble() * (high - low);
        return """
                {"resourceType":"Observation","status":"final",\
                "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],\
                "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]},\
                "subject":{"reference":"Patient/%s"},"effectiveDateTime":"2026-%02d-%02dT%02d:%02d:00Z",\
                "valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}}"""
                .formatted(vital[0], vital[1], patientId, 1 + random.nextInt(10), 1 + random.nextInt(28),
                        random.nextInt(24), random.nextInt(60), String.format(Locale.ROOT, "%.1f", value), vital[3],
                        vital[2]);
    }

    String transactionBundle(String patientId, int entries) {
        StringBuilder bundle = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < entries; i++) {
            if (i > 0) {
                bundle.append(',');
            }
            bundle.append("{\"resource\":").append(observation(patientId))
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}");
        }
        return bundle.append("]}").toString();
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
