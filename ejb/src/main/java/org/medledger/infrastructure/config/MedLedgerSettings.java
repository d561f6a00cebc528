package org.medledger.infrastructure.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The one home of MedLedger's configuration. Every value is read from a system property
 * (for example {@code -Dmedledger.data.dir=...}) or, failing that, from the environment
 * variable with the same name upper-cased and dotted/dashed to underscores
 * ({@code MEDLEDGER_DATA_DIR}), falling back to the documented default.
 */
public final class MedLedgerSettings {

    private MedLedgerSettings() {
    }

    /** Data directory: keystore, ledger wallet, blobs. Default: WildFly's data dir + /medledger. */
    public static Path dataDir() {
        return Path.of(value("medledger.data.dir")
                .orElseGet(() -> System.getProperty("jboss.server.data.dir", "data") + "/medledger"));
    }

    /** JSON-RPC endpoint of the chain node (Hardhat in development, the hospital's Besu node in production). */
    public static String rpcUrl() {
        return value("medledger.ledger.rpc-url").orElse("http://127.0.0.1:8545");
    }

    /** How often the batcher drains the outbox; match the chain's block period. */
    public static Duration anchorInterval() {
        return Duration.ofMillis(longValue("medledger.anchor.interval-ms", 2000));
    }

    /**
     * This application node's name, unique among the nodes sharing one database (the sender lease names its
     * holder with it). Default: WildFly's node name and this process's id, so a restarted node is a new holder.
     */
    public static String nodeId() {
        return value("medledger.node.id").orElseGet(() -> System.getProperty("jboss.node.name", "node") + "#"
                + ProcessHandle.current().pid());
    }

    /**
     * How long the node that sends this hospital's chain transactions holds that role without renewing it; after
     * a crash another node takes over once it has lapsed. Default 15 s, well above the batcher's interval.
     */
    public static Duration senderLeaseTtl() {
        return Duration.ofSeconds(longValue("medledger.ledger.sender-lease-seconds", 15));
    }

    /** Upper bound of leaves per anchored batch. */
    public static int anchorMaxLeaves() {
        return (int) longValue("medledger.anchor.max-leaves", 10_000);
    }

    /** Password protecting the PKCS#12 key store and the ledger wallet. Required outside demo mode. */
    public static char[] keystorePassword() {
        return value("medledger.keystore.password")
                .orElseGet(() -> {
                    if (!demoMode()) {
                        throw new IllegalStateException(
                                "medledger.keystore.password is not set; it is required unless medledger.demo=true");
                    }
                    return "medledger-demo-only";
                }).toCharArray();
    }

    /** Loads the synthetic demo data set on first start. Never enable in production. */
    public static boolean demoMode() {
        return Boolean.parseBoolean(value("medledger.demo").orElse("false"));
    }

    /** Display name of this hospital (the consortium member this server belongs to). */
    public static String hospitalName() {
        return value("medledger.hospital.name").orElse("MedLedger Demo Hospital");
    }

    /** Public FHIR base URL of this server, as registered in the consortium. */
    /**
     * The identifier system every member uses for the same patient (a regional MPI or national id); patient
     * pseudonyms on chain are computed from it. Default: {@code urn:medledger:consortium:patient-id}.
     */
    public static String sharedPatientIdentifierSystem() {
        return value("medledger.patient.shared-identifier-system").orElse("urn:medledger:consortium:patient-id");
    }

    public static String fhirBaseUrl() {
        return value("medledger.fhir.base-url").orElse("http://localhost:8080/fhir");
    }

    /** Contract addresses when the consortium already deployed them; empty means deploy on first start. */
    public static Optional<String> contractAddress(String contractName) {
        return value("medledger.ledger." + contractName + ".address");
    }

    /**
     * Benchmark-only switches, honoured only when {@code medledger.bench.mode} is exactly
     * {@value #BENCH_MODE_ACKNOWLEDGEMENT} and demo mode is on, so a production server can't take them
     * by accident. {@code medledger.bench.disable-ledger} stops queueing versions for anchoring;
     * {@code medledger.bench.disable-encryption} stores canonical JSON unencrypted.
     */
    public static boolean benchSwitch(String name) {
        return BENCH_MODE_ACKNOWLEDGEMENT.equals(value("medledger.bench.mode").orElse(""))
                && demoMode()
                && Boolean.parseBoolean(value("medledger.bench." + name).orElse("false"));
    }

    public static final String BENCH_MODE_ACKNOWLEDGEMENT = "measurement-only-not-for-patient-data";

    /** Whether FHIR writes are validated against the base R4 profiles: {@code on-write} (default) or {@code off}. */
    public static boolean validateFhirWrites() {
        String mode = value("medledger.fhir.validation").orElse("on-write");
        if (!mode.equals("on-write") && !mode.equals("off")) {
            throw new IllegalStateException("medledger.fhir.validation must be on-write or off, not '" + mode + "'");
        }
        return mode.equals("on-write");
    }

    /** Which blob store holds Binary and attachment bytes: {@code local} (default) or {@code ipfs}. */
    public static String blobStore() {
        return value("medledger.blob.store").orElse("local");
    }

    /** RPC API of the IPFS node when {@code medledger.blob.store=ipfs}. */
    public static String blobIpfsApiUrl() {
        return value("medledger.blob.ipfs.api-url").orElse("http://127.0.0.1:5001");
    }

    /** How long one call to the IPFS node may take. */
    public static Duration blobIpfsTimeout() {
        return Duration.ofSeconds(longValue("medledger.blob.ipfs.timeout-seconds", 30));
    }

    /** Directory of the local blob store (and the IPFS store's spool). Default: the data dir + {@code /blobs}. */
    public static Path blobDir() {
        return value("medledger.blob.dir").map(Path::of).orElseGet(() -> dataDir().resolve("blobs"));
    }

    /** Attachments whose data is larger than this many bytes go to the blob store (Binary data always does). */
    public static long blobAttachmentThresholdBytes() {
        return longValue("medledger.blob.attachment-threshold-bytes", 64 * 1024);
    }

    /** Largest blob put back as base64 into a JSON read; larger Binary content is served raw only. */
    public static long blobJsonMaxBytes() {
        return longValue("medledger.blob.json-max-bytes", 16L * 1024 * 1024);
    }

    /** Largest raw Binary upload ({@code POST /fhir/Binary} with a non-FHIR content type). */
    public static long blobMaxUploadBytes() {
        return longValue("medledger.blob.max-upload-bytes", 1024L * 1024 * 1024);
    }

    /** Largest document (PDF or image) a doctor or patient uploads through the portal. */
    public static long portalDocumentMaxBytes() {
        return longValue("medledger.portal.document-max-bytes", 10L * 1024 * 1024);
    }

    /** The time zone of doctors' weekly hours and of the appointment times the portal shows. Default UTC. */
    public static ZoneId appointmentTimeZone() {
        return ZoneId.of(value("medledger.appointments.time-zone").orElse("UTC"));
    }

    /** How many days ahead, from today, patients see and book a doctor's free slots. Default 14. */
    public static int appointmentBookingDays() {
        return (int) longValue("medledger.appointments.booking-days", 14);
    }

    /**
     * How long after an accepted appointment ends its doctor still treats the patient (the consent policy's
     * {@code custodian-treating-staff} rule); the relationship starts when the doctor accepts. Default 30 days.
     */
    public static Duration treatingRelationshipAfterAppointment() {
        return Duration.ofDays(longValue("medledger.appointments.treating-days", 30));
    }

    /** How long an EIP-4361 message the portal issues to a wallet may be signed and used. Default 5 minutes. */
    public static Duration walletMessageLifetime() {
        return Duration.ofMinutes(longValue("medledger.wallet.message-minutes", 5));
    }

    /**
     * How long a portal session lasts without a request; read when a session starts, so a change applies to the
     * sessions started afterwards. Default 15 minutes.
     */
    public static Duration portalSessionIdle() {
        long seconds = longValue("medledger.portal.session-idle-seconds", 900);
        if (seconds < 20) {
            throw new IllegalStateException("medledger.portal.session-idle-seconds must be at least 20, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** How long before an idle portal session ends the page warns: a quarter of the idle time, at most 2 minutes. */
    public static Duration portalSessionWarningLead(Duration idle) {
        Duration quarter = idle.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(2)) > 0 ? Duration.ofMinutes(2) : quarter;
    }

    public static long longValue(String key, long defaultValue) {
        return value(key).map(String::trim).map(Long::parseLong).orElse(defaultValue);
    }

    public static Optional<String> value(String key) {
        String fromProperty = System.getProperty(key);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(fromProperty);
        }
        String fromEnv = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        return Optional.ofNullable(fromEnv).filter(v -> !v.isBlank());
    }
}
