package org.medledger.bench;

import com.nimbusds.jose.JOSEException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running MedLedger server over HTTP with real FHIR JSON: warm-up, then a fixed time per
 * scenario on many keep-alive connections; reports throughput and latency percentiles.
 *
 * <pre>
 * bench/run load [--base-url URL] [--threads 16] [--warmup-seconds 5] [--duration-seconds 20]
 *                [--scenario all|create-observation|read|search-observation-by-patient|transaction-bundle-50|
 *                            everything|mixed|read-with-consent] [--label full] [--patients 50]
 *                [--out bench/results] [--admin-token T]  (read-with-consent: registers another hospital's
 *                                                       backend client and consents, so needs the admin token)
 *                [--chain-rpc http://127.0.0.1:8545]   (Hardhat: pause mining during the bundle scenario to
 *                                                       measure how fast the batcher drains the backlog)
 * </pre>
 */
public final class LoadGenerator {

    static final List<String> SCENARIOS = List.of("create-observation", "read", "search-observation-by-patient",
            "transaction-bundle-50", "everything", "mixed", "read-with-consent");
    private static final Pattern BACKLOG = Pattern.compile("\"backlog\":(\\d+)");
    private static final Pattern LOCATION_ID = Pattern.compile("/([A-Za-z]+)/([^/]+)/_history/");

    private final Map<String, String> options;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final SyntheticClinicalData data = new SyntheticClinicalData(20261122);
    private final List<String> patients = new ArrayList<>();
    private final List<String> observations = new ArrayList<>();
    /** A Hardhat node's JSON-RPC URL whose mining the bench may pause (--chain-rpc), or null. */
    private final String chainRpc;
    /** Another member hospital's consented reads (read-with-consent), prepared when that scenario first runs. */
    private ConsentedReader consentedReader;

    LoadGenerator(Map<String, String> options) {
        this.options = options;
        this.baseUrl = options.getOrDefault("base-url", "http://localhost:8080/fhir").replaceAll("/$", "");
        this.chainRpc = options.get("chain-rpc");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        new LoadGenerator(options).run();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Options are --name value pairs; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    void run() throws Exception {
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup-seconds", "5"));
        int duration = Integer.parseInt(options.getOrDefault("duration-seconds", "20"));
        String label = options.getOrDefault("label", "full");
        String chosen = options.getOrDefault("scenario", "all");
        List<String> scenarios = chosen.equals("all") ? SCENARIOS : List.of(chosen.split(","));
        Path out = Path.of(options.getOrDefault("out", "bench/results"));

        setUp(Integer.parseInt(options.getOrDefault("patients", "50")));
        List<ScenarioResult> results = new ArrayList<>();
        for (String scenario : scenarios) {
            if (!SCENARIOS.contains(scenario)) {
                throw new IllegalArgumentException("Unknown scenario " + scenario + "; choose from " + SCENARIOS);
            }
            String unsupported = probe(scenario);
            if (unsupported != null) {
                System.out.printf("%-30s unsupported by server: %s%n", scenario, unsupported);
                results.add(new ScenarioResult(label, scenario, threads, 0, 0, 0, 0, 0, 0, 0, Map.of(),
                        "unsupported by server: " + unsupported));
                continue;
            }
            boolean pauseChain = chainRpc != null && scenario.equals("transaction-bundle-50");
            runFor(scenario, threads, warmup, null);
            if (pauseChain) {
                // Blocks stop while the bundles arrive, so the batcher's backlog builds up; its drain after
                // mining resumes measures the batcher's capacity rather than the load's arrival rate.
                chain("evm_setAutomine", "false");
            }
            try {
                results.add(runFor(scenario, threads, duration, label));
            } finally {
                if (pauseChain) {
                    chain("evm_setAutomine", "true");
                    chain("evm_mine");
                }
            }
            if (pauseChain) {
                results.add(drainAnchoring(label));
            }
        }
        if (chainRpc == null) {
            results.add(drainAnchoring(label));
        }
        new BenchReport(out).write(results);
    }

    private void setUp(int patientCount) throws Exception {
        System.out.printf("setup: creating %d synthetic patients with 5 observations each at %s ...%n",
                patientCount, baseUrl);
        for (int i = 0; i < patientCount; i++) {
            patients.add(create("Patient", data.patient(i)));
            for (int j = 0; j < 5; j++) {
                observations.add(create("Observation", data.observation(patients.get(i))));
            }
        }
    }

    /** Returns why a scenario can't run against this server, or null when it can. */
    private String probe(String scenario) throws Exception {
        if (scenario.equals("read-with-consent")) {
            return prepareConsentedReader();
        }
        HttpResponse<String> response = switch (scenario) {
            case "transaction-bundle-50" -> send(post("", data.transactionBundle(patients.get(0), 2)));
            case "everything" -> send(get("/Patient/" + patients.get(0) + "/$everything"));
            default -> null;
        };
        if (response == null || response.statusCode() / 100 == 2) {
            return null;
        }
        return "HTTP " + response.statusCode();
    }

    private String prepareConsentedReader() throws Exception {
        String adminToken = options.get("admin-token");
        if (adminToken == null) {
            return "needs --admin-token (the server's medledger.admin.token) to register a backend client";
        }
        if (consentedReader == null) {
            consentedReader = new ConsentedReader(baseUrl, adminToken, http);
            consentedReader.prepare(10, data, this::create);
        }
        return null;
    }

    private ScenarioResult runFor(String scenario, int threads, int seconds, String label) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch finished = new CountDownLatch(threads);
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        one(scenario, recorder);
                    }
                } finally {
                    finished.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        String phase = label == null ? "warm-up" : label;
        long lastDone = 0;
        while (!finished.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
            long done = recorder.done();
            System.out.printf("%-30s %-8s %7d requests  %7.1f req/s now  %d errors%n", scenario, phase, done,
                    (done - lastDone) / 2.0, recorder.errorCount());
            lastDone = done;
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        double versionsPerSecond = (recorder.done() - recorder.errorCount()) * 50.0 / elapsed;
        ScenarioResult result = new ScenarioResult(label == null ? "warm-up" : label, scenario, threads,
                recorder.done(), recorder.errorCount(), elapsed, recorder.percentile(50), recorder.percentile(95),
                recorder.percentile(99), recorder.percentile(100), recorder.errors(),
                scenario.equals("transaction-bundle-50")
                        ? String.format(Locale.ROOT, "%.0f record versions/s", versionsPerSecond) : null);
        if (label != null) {
            System.out.printf(Locale.ROOT, "%-30s %-8s %.1f req/s, p50 %s ms, p95 %s ms, p99 %s ms, errors %d%n",
                    scenario, label, result.throughput(), ScenarioResult.ms(result.p50Micros()),
                    ScenarioResult.ms(result.p95Micros()), ScenarioResult.ms(result.p99Micros()), result.errors());
        }
        return result;
    }

    /**
     * The batcher's capacity: how fast the anchoring backlog the load left behind drains, read from the server's
     * health report (ledger on only; with the ledger switched off there is never a backlog).
     */
    private ScenarioResult drainAnchoring(String label) throws Exception {
        long start = backlog();
        if (start <= 0) {
            return new ScenarioResult(label, "anchoring-drain", 1, 0, 0, 0, 0, 0, 0, 0, Map.of(),
                    start == 0 ? "no backlog after the load: the batcher kept up" : "health report unavailable");
        }
        long began = System.nanoTime();
        long left = start;
        long lastReport = began;
        while (left > 0 && System.nanoTime() - began < Duration.ofSeconds(300).toNanos()) {
            Thread.sleep(100);
            left = backlog();
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
                System.out.printf("%-30s %-8s backlog %d of %d versions%n", "anchoring-drain", label, left, start);
                lastReport = System.nanoTime();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        String note = String.format(Locale.ROOT, "backlog of %d versions drained to %d in %.1f s: %.0f versions/s",
                start, left, seconds, (start - left) / seconds);
        System.out.println("anchoring-drain                " + label + " " + note);
        return new ScenarioResult(label, "anchoring-drain", 1, start - left, 0, seconds, 0, 0, 0, 0, Map.of(), note);
    }

    /** Calls a Hardhat JSON-RPC method with literal JSON parameters. */
    private void chain(String method, String... params) throws IOException, InterruptedException {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":["
                + String.join(",", params) + "]}";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(chainRpc))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
            throw new IllegalStateException(method + " failed at " + chainRpc + ": " + response.body());
        }
    }

    /** The anchoring backlog from {@code /portal/health}, or -1 when the report can't be read. */
    private long backlog() {
        try {
            HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(
                    baseUrl.replaceFirst("/fhir$", "") + "/portal/health")).timeout(Duration.ofSeconds(10)).GET().build());
            Matcher m = BACKLOG.matcher(health.body());
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void one(String scenario, LatencyRecorder recorder) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String kind = scenario;
        if (scenario.equals("mixed")) {
            int dice = random.nextInt(100);
            kind = dice < 70 ? "read" : dice < 90 ? "create-observation" : "search-observation-by-patient";
        }
        try {
            HttpRequest request = switch (kind) {
                case "create-observation" -> post("/Observation",
                        data.observation(patients.get(random.nextInt(patients.size()))));
                case "read" -> get("/Observation/" + observations.get(random.nextInt(observations.size())));
                case "search-observation-by-patient" -> get("/Observation?patient="
                        + patients.get(random.nextInt(patients.size())) + "&_count=20");
                case "transaction-bundle-50" -> post("", data.transactionBundle(
                        patients.get(random.nextInt(patients.size())), 50));
                case "everything" -> get("/Patient/" + patients.get(random.nextInt(patients.size()))
                        + "/$everything");
                // built before the clock starts: a token renewal is not part of the read
                case "read-with-consent" -> consentedReader.nextRequest();
                default -> throw new IllegalStateException(kind);
            };
            long start = System.nanoTime();
            HttpResponse<String> response = send(request);
            if (response.statusCode() / 100 == 2) {
                recorder.record((System.nanoTime() - start) / 1000);
            } else {
                recorder.error("HTTP " + response.statusCode());
            }
        } catch (IOException | JOSEException e) {
            recorder.error(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String create(String type, String json) throws Exception {
        HttpResponse<String> response = send(post("/" + type, json));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Setup failed: POST " + type + " answered " + response.statusCode()
                    + "; is MedLedger running at " + baseUrl + "?");
        }
        Matcher id = LOCATION_ID.matcher(response.headers().firstValue("Location").orElse(""));
        if (!id.find()) {
            throw new IllegalStateException("Setup failed: no Location header");
        }
        return id.group(2);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json").header("Prefer", "return=minimal")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static String timestamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    static void append(Path file, String header, List<String> rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, header + "\n");
        }
        Files.writeString(file, String.join("\n", rows) + "\n", StandardOpenOption.APPEND);
    }
}
