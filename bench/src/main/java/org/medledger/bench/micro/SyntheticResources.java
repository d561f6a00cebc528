package org.medledger.bench.micro;

/** Invented FHIR resources of a chosen size for the micro-benchmarks. */
final class SyntheticResources {

    private SyntheticResources() {
    }

    /** An Observation padded with a note to about {@code bytes} bytes of JSON. */
    static String observationOfSize(int bytes) {
        String head = "{\"resourceType\":\"Observation\",\"id\":\"bench\",\"meta\":{\"versionId\":\"1\"},"
                + "\"status\":\"final\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]},"
                + "\"subject\":{\"reference\":\"Patient/bench\"},\"valueQuantity\":{\"value\":72.0,\"unit\":\"/min\"},"
                + "\"note\":[";
        StringBuilder json = new StringBuilder(head);
        int i = 0;
        while (json.length() < bytes - 40) {
            json.append(i == 0 ? "" : ",").append("{\"text\":\"synthetic note ").append(i++).append("\"}");
        }
        return json.append("]}").toString();
    }
}
