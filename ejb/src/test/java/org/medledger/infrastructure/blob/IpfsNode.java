package org.medledger.infrastructure.blob;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real js-ipfs node (the {@code ipfs} npm package, pinned in {@code src/test/ipfs}) for the tests: installed with
 * npm into {@code target/ipfs-node} when missing, initialised with a fresh repository and free ports, and
 * stopped afterwards.
 */
final class IpfsNode implements AutoCloseable {

    private static final Path SOURCE = Path.of("src", "test", "ipfs");
    private static final Path HOME = Path.of("target", "ipfs-node").toAbsolutePath();

    private final Process daemon;
    private final URI api;
    private final Path repo;
    private final Path log;

    private IpfsNode(Process daemon, URI api, Path repo) {
        this.daemon = daemon;
        this.api = api;
        this.repo = repo;
        this.log = repo.resolve("daemon.log");
    }

    static IpfsNode start() throws Exception {
        install();
        Path repo = Files.createTempDirectory(HOME, "repo-");
        int apiPort = freePort();
        int rpcPort = freePort();
        int gatewayPort = freePort();
        jsipfs(repo, "init", "--profile", "test");
        jsipfs(repo, "config", "Addresses.API", "/ip4/127.0.0.1/tcp/" + apiPort);
        jsipfs(repo, "config", "Addresses.RPC", "/ip4/127.0.0.1/tcp/" + rpcPort);
        jsipfs(repo, "config", "Addresses.Gateway", "/ip4/127.0.0.1/tcp/" + gatewayPort);
        Path log = repo.resolve("daemon.log");
        Process daemon = command(repo, "daemon").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        URI api = URI.create("http://127.0.0.1:" + apiPort);
        IpfsNode node = new IpfsNode(daemon, api, repo);
        node.awaitReady();
        return node;
    }

    URI api() {
        return api;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("The IPFS daemon exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> version = http.send(HttpRequest.newBuilder(api.resolve("/api/v0/version"))
                        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (version.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("The IPFS daemon did not answer within 120 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        daemon.descendants().forEach(ProcessHandle::destroy);
        daemon.destroy();
        if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(repo)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a leftover repository in target/ is harmless
        }
    }

    private static void install() throws Exception {
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "package-lock.json", "with-resolvers.cjs")) {
            Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path installed = HOME.resolve("node_modules").resolve(".package-lock.json");
        if (Files.exists(installed) && Files.exists(HOME.resolve("node_modules").resolve(".bin").resolve("jsipfs"))
                && Files.getLastModifiedTime(installed).compareTo(
                        Files.getLastModifiedTime(HOME.resolve("package-lock.json"))) >= 0) {
            return;
        }
        // Not `npm ci`: npm 11 refuses this lock because an optional WebRTC dependency is a git tarball; `npm install`
        // still installs exactly the locked versions.
        run(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(HOME.toFile()), 900);
    }

    private static void jsipfs(Path repo, String... arguments) throws Exception {
        run(command(repo, arguments), 120);
    }

    private static ProcessBuilder command(Path repo, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("node",
                HOME.resolve("node_modules").resolve(".bin").resolve("jsipfs").toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile());
        Map<String, String> env = builder.environment();
        env.put("IPFS_PATH", repo.toString());
        env.put("NODE_OPTIONS", "--require " + HOME.resolve("with-resolvers.cjs"));
        return builder;
    }

    private static void run(ProcessBuilder builder, int seconds) throws Exception {
        Path output = Files.createTempFile("ipfs-command", ".log");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(builder.command() + " did not finish in " + seconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(builder.command() + " failed: " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
