package org.medledger.besunetwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtraDataCodecTest {

    /**
     * Besu documentation, "Configure QBFT consensus", genesis example (besu-docs
     * docs/private-networks/how-to/configure/consensus/qbft.md): four validators, no vote, round 0, no seals.
     */
    static final List<String> QBFT_DOC_VALIDATORS = List.of(
            "0x64a702e6263b7297a96638cac6ae65e6541f4169",
            "0x3923390ad55e90c237593b3b0e401f3b08a03185",
            "0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692",
            "0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78");
    static final String QBFT_DOC_EXTRA_DATA = "0xf87aa00000000000000000000000000000000000000000000000000000000000000000"
            + "f8549464a702e6263b7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9"
            + "f433e5b6b212a6d62f6370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0";

    /**
     * Besu documentation, private network subcommands, `besu rlp encode` "Example IBFT_EXTRA_DATA encoding"
     * (besu-docs docs/private-networks/reference/cli/subcommands.md): JSON input and RLP output.
     */
    static final List<String> IBFT_DOC_VALIDATORS = List.of(
            "be068f726a13c8d46c44be6ce9d275600e1735a4",
            "5ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193");
    static final String IBFT_DOC_EXTRA_DATA = "0xf853a00000000000000000000000000000000000000000000000000000000000000000"
            + "ea94be068f726a13c8d46c44be6ce9d275600e1735a4945ff6f4b66a46a2b2310a6f3a93aaddc0d9a1c193808400000000c0";

    @Test
    void qbftEncodingEqualsBesuDocumentedGenesisExample() {
        assertEquals(QBFT_DOC_EXTRA_DATA, ExtraDataCodec.encode(Consensus.QBFT, QBFT_DOC_VALIDATORS));
    }

    @Test
    void ibft2EncodingEqualsBesuRlpEncodeDocumentedOutput() {
        assertEquals(IBFT_DOC_EXTRA_DATA, ExtraDataCodec.encode(Consensus.IBFT2, IBFT_DOC_VALIDATORS));
    }

    @Test
    void documentedExamplesDecodeToTheirValidators() {
        assertEquals(QBFT_DOC_VALIDATORS, ExtraDataCodec.decodeValidators(Consensus.QBFT, QBFT_DOC_EXTRA_DATA));
        assertEquals(IBFT_DOC_VALIDATORS.stream().map(a -> "0x" + a).toList(),
                ExtraDataCodec.decodeValidators(Consensus.IBFT2, IBFT_DOC_EXTRA_DATA));
    }

    @Test
    void generatedValidatorSetsRoundTripForBothProtocols() {
        for (Consensus consensus : Consensus.values()) {
            for (int n : new int[] {1, 4, 7, 30}) {
                List<String> validators = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    validators.add(NodeKey.generate().address());
                }
                String extraData = ExtraDataCodec.encode(consensus, validators);
                assertEquals(validators, ExtraDataCodec.decodeValidators(consensus, extraData),
                        consensus + " with " + n + " validators");
            }
        }
    }

    @Test
    void qbftExtraDataIsNotAcceptedAsIbft2AndViceVersa() {
        assertThrows(IllegalArgumentException.class,
                () -> ExtraDataCodec.decodeValidators(Consensus.IBFT2, QBFT_DOC_EXTRA_DATA));
        assertThrows(IllegalArgumentException.class,
                () -> ExtraDataCodec.decodeValidators(Consensus.QBFT, IBFT_DOC_EXTRA_DATA));
    }

    @Test
    void addressOfWrongLengthIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ExtraDataCodec.encode(Consensus.QBFT, List.of("0x1234")));
    }
}
