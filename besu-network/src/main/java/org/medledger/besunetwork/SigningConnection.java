package org.medledger.besunetwork;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/** A node's JSON-RPC endpoint plus an account key file (Besu's key format) that signs transactions locally. */
final class SigningConnection implements AutoCloseable {

    /** Enough for the largest consortium deployment; Besu's genesis gas limit and Hardhat's 30M both allow it. */
    static final BigInteger GAS_LIMIT = BigInteger.valueOf(29_000_000L);

    final Web3j web3j;
    final TransactionManager txManager;
    final ContractGasProvider gasProvider;

    SigningConnection(String rpc, Path keyFile) throws IOException {
        Credentials credentials = Credentials.create(NodeKey.fromPrivateKey(Files.readString(keyFile)).keyPair());
        this.web3j = Web3j.build(new HttpService(rpc));
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        // Besu with zeroBaseFee answers 0; Hardhat its current base fee.
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
        this.txManager = new RawTransactionManager(web3j, credentials, chainId);
        this.gasProvider = new StaticGasProvider(gasPrice, GAS_LIMIT);
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
