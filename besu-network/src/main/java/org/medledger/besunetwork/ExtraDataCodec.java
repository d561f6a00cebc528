package org.medledger.besunetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * Genesis {@code extraData} for Besu's BFT protocols, laid out as Besu's own codecs do
 * (hyperledger/besu QbftExtraDataCodec and IbftExtraDataCodec):
 * QBFT  = RLP([32-byte vanity, [validators], [] (no vote), round as int scalar (0 = 0x80), [] seals]);
 * IBFT2 = RLP([32-byte vanity, [validators], 0x80 (no vote), round as 4-byte int, [] seals]).
 */
public final class ExtraDataCodec {

    private static final int VANITY_BYTES = 32;

    private ExtraDataCodec() {
    }

    /** Encodes the genesis extraData for the given validator addresses (0x-prefixed or not), kept in the given order. */
    public static String encode(Consensus consensus, List<String> validators) {
        List<RlpType> addresses = new ArrayList<>();
        for (String validator : validators) {
            byte[] address = Numeric.hexStringToByteArray(validator);
            if (address.length != 20) {
                throw new IllegalArgumentException("Not a 20-byte address: " + validator);
            }
            addresses.add(RlpString.create(address));
        }
        List<RlpType> fields = new ArrayList<>();
        fields.add(RlpString.create(new byte[VANITY_BYTES]));
        fields.add(new RlpList(addresses));
        if (consensus == Consensus.QBFT) {
            fields.add(new RlpList());
            fields.add(RlpString.create(new byte[0]));
        } else {
            fields.add(RlpString.create(new byte[0]));
            fields.add(RlpString.create(new byte[4]));
        }
        fields.add(new RlpList());
        return Numeric.toHexString(RlpEncoder.encode(new RlpList(fields)));
    }

    /** Decodes the validator addresses (lower-case, 0x-prefixed) out of an extraData string. */
    public static List<String> decodeValidators(Consensus consensus, String extraData) {
        List<RlpType> top = RlpDecoder.decode(Numeric.hexStringToByteArray(extraData)).getValues();
        if (top.size() != 1 || !(top.get(0) instanceof RlpList root) || root.getValues().size() != 5) {
            throw new IllegalArgumentException("extraData is not a 5-item RLP list as " + consensus + " requires");
        }
        List<RlpType> fields = root.getValues();
        if (!(fields.get(0) instanceof RlpString vanity) || vanity.getBytes().length != VANITY_BYTES) {
            throw new IllegalArgumentException("extraData vanity is not 32 bytes");
        }
        boolean voteIsList = fields.get(2) instanceof RlpList;
        if (voteIsList != (consensus == Consensus.QBFT)) {
            throw new IllegalArgumentException("extraData vote field is not laid out as " + consensus + " lays it out");
        }
        List<String> validators = new ArrayList<>();
        for (RlpType item : ((RlpList) fields.get(1)).getValues()) {
            validators.add(Numeric.toHexString(((RlpString) item).getBytes()).toLowerCase(Locale.ROOT));
        }
        return validators;
    }
}
