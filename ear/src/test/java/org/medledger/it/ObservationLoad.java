package org.medledger.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writers posting pulse Observations of one patient at full speed, spread over one or more servers, remembering
 * every id a server acknowledged with a 2xx and counting what was refused or went unanswered.
 */
final class ObservationLoad {

    private static final Pattern LOCATION_ID = Pattern.compile("/Observation/([^/]+)/_history/");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final List<Thread> writers = new ArrayList<>();

    /** Starts {@code threads} writers; writer i posts to {@code baseUrls[i % n]}. */
    static ObservationLoad start(List<String> baseUrls, String patient, int threads) {
        ObservationLoad load = new ObservationLoad();
        for (int t = 0; t < threads; t++) {
            String baseUrl = baseUrls.get(t % baseUrls.size());
            Thread writer = new Thread(() -> load.write(baseUrl, patient), "writer-" + t);
            writer.start();
            load.writers.add(writer);
        }
        return load;
    }

    void stop() throws InterruptedException {
        writing.set(false);
        for (Thread writer : writers) {
            writer.join();
        }
    }

    Queue<String> acknowledged() {
        return acknowledged;
    }

    long refused() {
        return refused.get();
    }

    private void write(String baseUrl, String patient) {
        int n = 0;
        while (writing.get()) {
            String body = """
                    {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org",
                     "code":"8867-4"}]},"subject":{"reference":"Patient/%s"},
                     "valueQuantity":{"value":%d,"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}"""
                    .formatted(patient, 40 + (n++ % 100));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                                + "/fhir/Observation")).header("Content-Type", "application/fhir+json")
                        .header("Prefer", "return=minimal").timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 == 2) {
                    Matcher id = LOCATION_ID.matcher(response.headers().firstValue("Location").orElse(""));
                    assertTrue(id.find(), "Location of a 2xx create");
                    acknowledged.add(id.group(1));
                } else {
                    refused.incrementAndGet();
                }
            } catch (Exception down) {
                refused.incrementAndGet();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
