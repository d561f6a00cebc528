package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database goes away for ten seconds (PostgreSQL stopped under the running server): every request meanwhile is
 * a 503 OperationOutcome with Retry-After, nothing is half-written, and the server serves again once the database
 * is back, without a restart. Runs in the PostgreSQL pass, against the test run's own PostgreSQL.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseOutageIT {

    private final FhirHttp http = new FhirHttp();

    @Test
    void requestsGet503WithRetryAfterDuringADatabaseOutageAndServiceResumesWithoutRestart() throws Exception {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("medledger.it.db.driver")),
                "the outage is staged on the test run's PostgreSQL");
        String patient = http.create("Patient", SyntheticPatients.json("Outage"));
        int before = observations(patient);
        int refused = 0;
        postgres("pause");
        try {
            long outageEnds = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < outageEnds) {
                HttpResponse<String> write = http.post("/fhir/Observation", observation(patient),
                        "application/fhir+json");
                assertEquals(503, write.statusCode(), write.body());
                assertEquals("10", write.headers().firstValue("Retry-After").orElse(""));
                assertTrue(write.body().contains("OperationOutcome") && !write.body().contains("Exception"),
                        write.body());
                HttpResponse<String> read = http.get("/fhir/Patient/" + patient);
                assertEquals(503, read.statusCode(), read.body());
                refused++;
                Thread.sleep(500);
            }
        } finally {
            postgres("resume");
        }
        assertTrue(refused >= 3, "requests were made during the outage: " + refused);

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> write = http.post("/fhir/Observation", observation(patient), "application/fhir+json");
        while (write.statusCode() != 201 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            write = http.post("/fhir/Observation", observation(patient), "application/fhir+json");
        }
        assertEquals(201, write.statusCode(), "serves again without a restart: " + write.body());
        assertEquals(200, http.get("/fhir/Patient/" + patient).statusCode());
        assertEquals(before + 1, observations(patient), "none of the refused writes left anything behind");
    }

    private int observations(String patient) throws Exception {
        HttpResponse<String> count = http.get("/fhir/Observation?subject=Patient/" + patient + "&_summary=count");
        assertEquals(200, count.statusCode(), count.body());
        return FhirHttp.JSON.readTree(count.body()).path("total").asInt();
    }

    private static void postgres(String action) throws Exception {
        Process process = new ProcessBuilder("bash", System.getProperty("medledger.it.pg.script"), action,
                System.getProperty("medledger.it.pg.state"), System.getProperty("medledger.it.pg.port"))
                .inheritIO().start();
        assertEquals(0, process.waitFor(), "test-postgres.sh " + action);
    }

    private static String observation(String patient) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8310-5"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"2026-01-03T08:00:00Z",
                 "valueQuantity":{"value":36.9,"unit":"Cel","system":"http://unitsofmeasure.org","code":"Cel"}}"""
                .formatted(patient);
    }
}
