package org.medledger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchFiguresTest {

    @Test
    void percentilesUseNearestRank() {
        long[] values = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertEquals(5, LatencyRecorder.percentile(values, 50));
        assertEquals(10, LatencyRecorder.percentile(values, 95));
        assertEquals(10, LatencyRecorder.percentile(values, 100));
        assertEquals(1, LatencyRecorder.percentile(values, 1));
        assertEquals(0, LatencyRecorder.percentile(new long[0], 99));
    }

    @Test
    void recorderCountsSuccessesAndErrorsApart() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 1; i <= 100_000; i++) {
            recorder.record(i);
        }
        recorder.error("HTTP 500");
        recorder.error("HTTP 500");
        assertEquals(100_002, recorder.done());
        assertEquals(100_000, recorder.successes());
        assertEquals(Map.of("HTTP 500", 2L), recorder.errors());
        assertEquals(99_000, recorder.percentile(99));
    }

    @Test
    void createThroughputIsReportedAsARatioToThePlainConfiguration() {
        String ratios = BenchReport.ratios(List.of(ScenarioResult.csvHeader(),
                "t,c,2,jvm,plain,create-observation,16,1000,0,10.00,100.0,1,2,3,4,",
                "t,c,2,jvm,full,create-observation,16,900,0,10.00,90.0,1,2,3,4,",
                "t,c,2,jvm,full,read,16,900,0,10.00,500.0,1,2,3,4,"));
        assertTrue(ratios.contains("| full | 90.0 | 0.90 |"), ratios);
        assertTrue(ratios.contains("| plain | 100.0 | 1.00 |"), ratios);
    }

    @Test
    void syntheticResourcesAreWellFormedFhirJsonWithoutRealLookingNames() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SyntheticClinicalData data = new SyntheticClinicalData(1);
        JsonNode patient = json.readTree(data.patient(42));
        assertEquals("Patient", patient.path("resourceType").asText());
        assertTrue(patient.path("name").get(0).path("family").asText().startsWith("Benchpatient-"));
        JsonNode observation = json.readTree(data.observation("abc"));
        assertEquals("http://loinc.org", observation.path("code").path("coding").get(0).path("system").asText());
        assertEquals("Patient/abc", observation.path("subject").path("reference").asText());
        assertTrue(observation.path("valueQuantity").path("value").isNumber());
        JsonNode bundle = json.readTree(data.transactionBundle("abc", 50));
        assertEquals(50, bundle.path("entry").size());
        assertEquals("POST", bundle.path("entry").get(49).path("request").path("method").asText());
    }

    @Test
    void optionsAreNameValuePairs() {
        assertEquals(Map.of("threads", "4", "label", "full"),
                LoadGenerator.parse(new String[]{"--threads", "4", "--label", "full"}));
    }
}
