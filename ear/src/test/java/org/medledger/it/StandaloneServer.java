package org.medledger.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A second WildFly with the EAR, run as a plain process (not by Arquillian) so a test can SIGKILL it and start it
 * again on the same data, as a power cut or an OOM killer would. Its own base directory and port offset.
 */
final class StandaloneServer implements AutoCloseable {

    private final Path wildfly = Path.of(System.getProperty("jboss.home"));
    private final Path base;
    private final int portOffset;
    private final List<String> properties;
    private Process process;

    StandaloneServer(Path base, int portOffset, List<String> properties) throws IOException {
        this.base = base;
        this.portOffset = portOffset;
        this.properties = List.copyOf(properties);
        if (!Files.exists(base.resolve("configuration"))) {
            copyTree(wildfly.resolve("standalone/configuration"), base.resolve("configuration"));
            // What Arquillian deployed into the shared configuration is not this server's: it deploys from its own
            // deployments/ directory.
            Path config = base.resolve("configuration/standalone.xml");
            Files.writeString(config, Files.readString(config).replaceAll("(?s)<deployments>.*?</deployments>", ""));
            Files.createDirectories(base.resolve("deployments"));
            Files.createDirectories(base.resolve("log"));
            Files.copy(Path.of(System.getProperty("medledger.it.ear")), base.resolve("deployments/medledger.ear"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + (8080 + portOffset);
    }

    /** Starts the server and returns once the FHIR endpoint answers (or fails after 480 s). */
    void start() throws Exception {
        List<String> command = new ArrayList<>(List.of("setsid", "bash", wildfly.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset));
        command.addAll(properties);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("log/console.log").toFile()));
        builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx1g");
        process = builder.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(480).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("WildFly exited during start-up; see " + base.resolve("log"));
            }
            try {
                HttpResponse<Void> metadata = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/fhir/metadata"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (metadata.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("WildFly did not answer within 480 s; see " + base.resolve("log"));
    }

    /** SIGKILL to the server's whole process group: no shutdown hook, no flush, no goodbye. */
    void kill9() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        new ProcessBuilder("kill", "-9", "--", "-" + process.pid()).inheritIO().start().waitFor();
        process.waitFor();
        // The JVM is in the same group; wait until nothing listens on the port any more.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        for (int i = 0; i < 60; i++) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/fhir/metadata")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                Thread.sleep(250);
            } catch (IOException gone) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        kill9();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
