package org.medledger.it;

/** Invented patients for tests: obviously synthetic names, no real or real-looking identifiers. */
final class SyntheticPatients {

    private SyntheticPatients() {
    }

    static String json(String familyPrefix) {
        return """
                {"resourceType":"Patient","name":[{"family":"%s-%d","given":["Synthetic"]}],
                 "gender":"unknown","birthDate":"1970-01-01"}""".formatted(familyPrefix, System.nanoTime() % 1_000_000);
    }
}
