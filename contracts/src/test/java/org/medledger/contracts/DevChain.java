package org.medledger.contracts;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** The Hardhat node the build started for these tests, and its funded development accounts. */
final class DevChain {

    /** Hardhat's documented development mnemonic; its accounts are funded on every Hardhat node. */
    private static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";

    final Web3j web3j;
    final long chainId;
    final ContractGasProvider gas = new StaticGasProvider(BigInteger.valueOf(2_000_000_000L),
            BigInteger.valueOf(29_000_000L));
    private final List<Credentials> accounts = new ArrayList<>();

    DevChain() throws Exception {
        String url = System.getProperty("medledger.test.rpc-url", "http://127.0.0.1:18546");
        web3j = Web3j.build(new HttpService(url));
        chainId = web3j.ethChainId().send().getChainId().longValueExact();
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(DEV_MNEMONIC, ""));
        for (int i = 0; i < 10; i++) {
            int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT,
                    Bip32ECKeyPair.HARDENED_BIT, 0, i};
            accounts.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
        }
    }

    Credentials account(int index) {
        return accounts.get(index);
    }

    TransactionManager sender(int account) {
        return new RawTransactionManager(web3j, account(account), chainId,
                new PollingTransactionReceiptProcessor(web3j, 100, 300));
    }

    long blockNumber() throws Exception {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    void mineBlocks(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            new org.web3j.protocol.core.Request<>("evm_mine", List.of(), new HttpService(
                    System.getProperty("medledger.test.rpc-url", "http://127.0.0.1:18546")),
                    org.web3j.protocol.core.methods.response.VoidResponse.class).send();
        }
    }

    long latestTimestamp() throws Exception {
        return web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    @FunctionalInterface
    interface ChainCall {
        void run() throws Exception;
    }

    /** Asserts that a transaction reverts with exactly this reason. */
    static void assertReverts(String reason, ChainCall call) {
        try {
            call.run();
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            Throwable cause = e.getCause();
            while (cause != null) {
                message += " | " + cause.getMessage();
                cause = cause.getCause();
            }
            assertTrue(message.contains(reason), "expected revert '" + reason + "' but got: " + message);
            return;
        }
        fail("expected a revert with '" + reason + "'");
    }
}
