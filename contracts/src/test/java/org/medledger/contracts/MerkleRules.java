package org.medledger.contracts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * An independent Java statement of RecordAnchor's Merkle rules, written from the contract's comment:
 * leafNode = keccak(0x00 ‖ leaf); innerNode = keccak(0x01 ‖ min ‖ max); odd last node promoted.
 */
final class MerkleRules {

    private final List<List<byte[]>> levels = new ArrayList<>();

    MerkleRules(List<byte[]> leaves) {
        List<byte[]> level = new ArrayList<>();
        for (byte[] leaf : leaves) {
            level.add(Hash.sha3(concat(new byte[]{0x00}, leaf)));
        }
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? inner(level.get(i), level.get(i + 1)) : level.get(i));
            }
            levels.add(next);
            level = next;
        }
    }

    byte[] root() {
        return levels.get(levels.size() - 1).get(0);
    }

    List<byte[]> proof(int index) {
        List<byte[]> proof = new ArrayList<>();
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            List<byte[]> level = levels.get(depth);
            int sibling = index ^ 1;
            if (sibling < level.size()) {
                proof.add(level.get(sibling));
            }
            index /= 2;
        }
        return proof;
    }

    static byte[] inner(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? Hash.sha3(concat(new byte[]{0x01}, a, b))
                : Hash.sha3(concat(new byte[]{0x01}, b, a));
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
