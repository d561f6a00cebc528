package org.medledger.bench.micro;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.medledger.infrastructure.crypto.CanonicalJson;
import org.medledger.infrastructure.crypto.EnvelopeCipher;
import org.medledger.infrastructure.crypto.Kek;
import org.medledger.infrastructure.crypto.RecordVersionHash;
import org.medledger.infrastructure.crypto.SealedPayload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The write path's CPU work for one resource version: canonicalize, SHA-256, AES-256-GCM envelope. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecordSealingBenchmark {

    @Param({"1024", "10240", "102400"})
    public int resourceBytes;

    private byte[] json;
    private Kek kek;
    private final EnvelopeCipher cipher = new EnvelopeCipher();
    private final byte[] aad = "Observation/bench/_history/1".getBytes(StandardCharsets.UTF_8);

    @Setup
    public void prepare() {
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        kek = new Kek("v1", new SecretKeySpec(keyBytes, "AES"));
        json = SyntheticResources.observationOfSize(resourceBytes).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public SealedPayload canonicalizeHashAndSeal() {
        byte[] canonical = CanonicalJson.fhir().canonicalize(json);
        RecordVersionHash.of(canonical);
        return cipher.seal(canonical, aad, kek);
    }
}
