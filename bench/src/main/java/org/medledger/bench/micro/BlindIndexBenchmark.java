package org.medledger.bench.micro;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.medledger.infrastructure.crypto.BlindIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One blind-index HMAC of a name, as computed per indexed name on write and per name search. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BlindIndexBenchmark {

    private BlindIndex blindIndex;

    @Setup
    public void prepare() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        blindIndex = new BlindIndex(new SecretKeySpec(key, "HmacSHA256"));
    }

    @Benchmark
    public String blindIndexOfAName() {
        return blindIndex.ofName("Benchpatient-00042");
    }
}
