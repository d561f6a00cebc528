package org.medledger.bench.micro;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.medledger.infrastructure.ledger.merkle.MerkleTree;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The batcher's tree: 10,000 leaves built, one proof taken and checked. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MerkleBenchmark {

    private List<byte[]> leaves;
    private MerkleTree tree;

    @Setup
    public void prepare() {
        Random random = new Random(1);
        leaves = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            leaves.add(leaf);
        }
        tree = MerkleTree.build(leaves);
    }

    @Benchmark
    public byte[] buildTreeOf10000Leaves() {
        return MerkleTree.build(leaves).root();
    }

    @Benchmark
    public boolean proofOfOneLeafAndVerify() {
        return MerkleTree.verify(leaves.get(4_321), tree.proof(4_321), tree.root());
    }
}
