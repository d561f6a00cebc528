package org.medledger.infrastructure.ledger;

import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.medledger.contracts.ConsortiumAddresses;
import org.medledger.contracts.ConsortiumDeployment;
import org.medledger.contracts.FoundingMember;
import org.medledger.contracts.generated.ConsentRegistry;
import org.medledger.contracts.generated.ConsortiumRegistry;
import org.medledger.contracts.generated.RecordAnchor;
import org.medledger.domain.model.consent.ConsentGrant;
import org.medledger.domain.model.consent.EmergencyAccess;
import org.medledger.domain.model.consent.MemberId;
import org.medledger.domain.model.consortium.ConsortiumMember;
import org.medledger.domain.model.consortium.MembershipProposal;
import org.medledger.infrastructure.config.MedLedgerSettings;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.NetPeerCount;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.NoOpProcessor;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.utils.Numeric;

/**
 * The single door to the chain: owns the {@link Web3j} client, the hospital's signing account,
 * nonces (one sender, serialized), gas policy and receipt lookups. Deploys the consortium
 * contracts on first contact when none are configured or remembered.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LedgerGateway {

    public static final String CONSORTIUM_REGISTRY = "ConsortiumRegistry";
    public static final String RECORD_ANCHOR = "RecordAnchor";
    public static final String CONSENT_REGISTRY = "ConsentRegistry";

    private static final Logger LOG = Logger.getLogger(LedgerGateway.class.getName());
    private static final BigInteger DEV_CHAIN_BALANCE = BigInteger.TEN.pow(20);

    @EJB
    private DeployedContracts deployedContracts;

    private final Object sendLock = new Object();
    private volatile Connection connection;
    private volatile String localAddress;

    private record Connection(Web3j web3j, HttpService service, Credentials credentials, long chainId,
                              Map<String, String> addresses, RecordAnchor recordAnchor,
                              ConsentRegistry consentRegistry, ConsortiumRegistry consortiumRegistry,
                              TransactionManager sender, ContractGasProvider gas) {
    }

    /** Whether the node answers right now. */
    public boolean isReachable() {
        try {
            connect();
            return true;
        } catch (LedgerUnavailableException e) {
            return false;
        }
    }

    public long blockHeight() {
        return call(() -> connect().web3j().ethBlockNumber().send().getBlockNumber().longValueExact());
    }

    public long chainId() {
        return connect().chainId();
    }

    public String accountAddress() {
        return connect().credentials().getAddress();
    }

    /** This hospital's account address, known without the chain (read from the local wallet when offline). */
    public String localAccountAddress() {
        Connection current = connection;
        if (current != null) {
            return current.credentials().getAddress();
        }
        String known = localAddress;
        if (known == null) {
            known = LedgerAccount.loadOrCreate(MedLedgerSettings.dataDir().resolve("keys").resolve("ledger-account.json"),
                    MedLedgerSettings.keystorePassword()).getAddress();
            localAddress = known;
        }
        return known;
    }

    /**
     * The node's own view of itself and its network: client, chain, latest block, peers, and on Besu the validators.
     * Optional methods the node refuses ({@code admin_peers} without the ADMIN API, {@code qbft_}/{@code ibft_} on
     * other clients) are reported as absent, never guessed.
     */
    public ChainNodeStatus nodeStatus() {
        Connection c = connect();
        return call(() -> {
            String client = c.web3j().web3ClientVersion().send().getWeb3ClientVersion();
            EthBlock.Block latest = c.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                    .getBlock();
            NetPeerCount peerCount = c.web3j().netPeerCount().send();
            PeersResponse peers = new Request<>("admin_peers", List.of(), c.service(), PeersResponse.class).send();
            List<String> validators = null;
            String consensus = null;
            if (client != null && client.toLowerCase(Locale.ROOT).startsWith("besu")) {
                ValidatorsResponse qbft = new Request<>("qbft_getValidatorsByBlockNumber", List.of("latest"),
                        c.service(), ValidatorsResponse.class).send();
                if (!qbft.hasError() && qbft.getResult() != null) {
                    validators = List.copyOf(qbft.getResult());
                    consensus = "QBFT";
                } else {
                    ValidatorsResponse ibft = new Request<>("ibft_getValidatorsByBlockNumber", List.of("latest"),
                            c.service(), ValidatorsResponse.class).send();
                    if (!ibft.hasError() && ibft.getResult() != null) {
                        validators = List.copyOf(ibft.getResult());
                        consensus = "IBFT 2.0";
                    }
                }
            }
            return new ChainNodeStatus(client, c.chainId(), latest.getNumber().longValueExact(),
                    Instant.ofEpochSecond(latest.getTimestamp().longValueExact()),
                    peerCount.hasError() || peerCount.getResult() == null ? null
                            : peerCount.getQuantity().longValueExact(),
                    peers.hasError() || peers.getResult() == null ? null
                            : peers.getResult().stream().map(LedgerGateway::describePeer).toList(),
                    validators, consensus);
        });
    }

    private static String describePeer(Map<String, Object> peer) {
        Object network = peer.get("network");
        Object remote = network instanceof Map<?, ?> n ? n.get("remoteAddress") : null;
        return peer.getOrDefault("name", "unnamed peer") + " @ " + (remote == null ? "unknown address" : remote);
    }

    /** Contract name → address, in deployment order. Empty when the chain was never reached. */
    public Map<String, String> contractAddresses() {
        Connection current = connection;
        return current == null ? Map.of() : current.addresses();
    }

    /** Sends {@code anchor(root, leafCount, batchId)} and returns the transaction hash without waiting. */
    public String sendAnchor(byte[] root, int leafCount, byte[] batchId) {
        Connection c = connect();
        synchronized (sendLock) {
            return call(() -> {
                TransactionReceipt pending = c.recordAnchor()
                        .anchor(root, BigInteger.valueOf(leafCount), batchId).send();
                return pending.getTransactionHash();
            });
        }
    }

    /** The receipt of a transaction once mined; empty while pending or unknown. */
    public Optional<AnchorReceipt> receipt(String txHash) {
        Connection c = connect();
        return call(() -> {
            EthGetTransactionReceipt response = c.web3j().ethGetTransactionReceipt(txHash).send();
            return response.getTransactionReceipt().map(r -> new AnchorReceipt(txHash,
                    r.getBlockNumber().longValueExact(), r.getGasUsed().longValueExact(), r.isStatusOK()));
        });
    }

    /** Whether a sent transaction is still known to the node (mined or waiting in its pool). */
    public boolean isKnownTransaction(String txHash) {
        Connection c = connect();
        return call(() -> c.web3j().ethGetTransactionByHash(txHash).send().getTransaction().isPresent());
    }

    /**
     * Finds the {@code Anchored} event of a batch id: the one source of truth after a crash, since the
     * contract rejects a second anchor of the same batch id.
     */
    public Optional<AnchorReceipt> findAnchoredBatch(byte[] batchId) {
        Connection c = connect();
        return call(() -> {
            EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    c.addresses().get(RECORD_ANCHOR));
            filter.addSingleTopic(EventEncoder.encode(RecordAnchor.ANCHORED_EVENT));
            filter.addNullTopic();
            filter.addSingleTopic(Numeric.toHexString(batchId));
            List<EthLog.LogResult> logs = c.web3j().ethGetLogs(filter).send().getLogs();
            if (logs == null || logs.isEmpty()) {
                return Optional.<AnchorReceipt>empty();
            }
            Log log = (Log) logs.get(0).get();
            Optional<AnchorReceipt> mined = receipt(log.getTransactionHash());
            return Optional.of(mined.orElse(new AnchorReceipt(log.getTransactionHash(),
                    log.getBlockNumber().longValueExact(), 0, true)));
        });
    }

    /** The root anchored under a batch id, if that batch is already on chain. */
    public Optional<byte[]> rootOfBatch(byte[] batchId) {
        Connection c = connect();
        return call(() -> {
            byte[] root = c.recordAnchor().rootOfBatch(batchId).send();
            return isZero(root) ? Optional.<byte[]>empty() : Optional.of(root);
        });
    }

    /** The block in which a root was anchored; empty when the chain does not know the root. */
    public Optional<Long> anchoredBlock(byte[] root) {
        Connection c = connect();
        return call(() -> {
            Tuple3<String, BigInteger, BigInteger> anchor = c.recordAnchor().anchorOf(root).send();
            return new BigInteger(Numeric.cleanHexPrefix(anchor.component1()), 16).signum() == 0
                    ? Optional.<Long>empty() : Optional.of(anchor.component2().longValueExact());
        });
    }

    /** Asks the contract itself whether a proof connects a leaf to a root. */
    public boolean verifyOnChain(byte[] leaf, List<byte[]> proof, byte[] root) {
        Connection c = connect();
        return call(() -> c.recordAnchor().verify(leaf, new ArrayList<>(proof), root).send());
    }

    /** Sends {@code grant(...)} for a consent change and returns the transaction hash without waiting. */
    public String sendConsentGrant(byte[] patient, byte[] grantee, int scopes, int purposes, long validFrom,
                                   long validUntil) {
        Connection c = connect();
        synchronized (sendLock) {
            return call(() -> c.consentRegistry().grant(patient, grantee, BigInteger.valueOf(scopes),
                    BigInteger.valueOf(purposes), BigInteger.valueOf(validFrom), BigInteger.valueOf(validUntil))
                    .send().getTransactionHash());
        }
    }

    /** Sends {@code revoke(consentId)} and returns the transaction hash without waiting. */
    public String sendConsentRevoke(long consentId) {
        Connection c = connect();
        synchronized (sendLock) {
            return call(() -> c.consentRegistry().revoke(BigInteger.valueOf(consentId)).send().getTransactionHash());
        }
    }

    /** Sends {@code recordEmergencyAccess(patient, accessor, reasonCode)} and returns the hash without waiting. */
    public String sendEmergencyAccess(byte[] patient, byte[] accessor, byte[] reasonCode) {
        Connection c = connect();
        synchronized (sendLock) {
            return call(() -> c.consentRegistry().recordEmergencyAccess(patient, accessor, reasonCode).send()
                    .getTransactionHash());
        }
    }

    /** The outcome of a consent transaction once mined; empty while pending or unknown. */
    public Optional<ConsentReceipt> consentReceipt(String txHash) {
        Connection c = connect();
        return call(() -> c.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt().map(r -> {
            long granted = r.getLogs().stream()
                    .filter(log -> !log.getTopics().isEmpty() && log.getTopics().get(0)
                            .equals(EventEncoder.encode(ConsentRegistry.CONSENTGRANTED_EVENT)))
                    .mapToLong(log -> ConsentRegistry.getConsentGrantedEventFromLog(log).consentId.longValueExact())
                    .findFirst().orElse(-1);
            return new ConsentReceipt(txHash, r.getBlockNumber().longValueExact(), r.isStatusOK(), granted);
        }));
    }

    /** The consent registry's events from {@code fromBlock} to {@code toBlock} (both included), in chain order. */
    public List<ConsentEvent> consentEvents(long fromBlock, long toBlock) {
        Connection c = connect();
        return call(() -> {
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), c.addresses().get(CONSENT_REGISTRY));
            List<EthLog.LogResult> logs = c.web3j().ethGetLogs(filter).send().getLogs();
            List<ConsentEvent> events = new ArrayList<>();
            String granted = EventEncoder.encode(ConsentRegistry.CONSENTGRANTED_EVENT);
            String revoked = EventEncoder.encode(ConsentRegistry.CONSENTREVOKED_EVENT);
            String emergency = EventEncoder.encode(ConsentRegistry.EMERGENCYACCESS_EVENT);
            for (EthLog.LogResult<?> result : logs == null ? List.<EthLog.LogResult>of() : logs) {
                Log log = (Log) result.get();
                String topic = log.getTopics().isEmpty() ? "" : log.getTopics().get(0);
                long block = log.getBlockNumber().longValueExact();
                if (topic.equals(granted)) {
                    var e = ConsentRegistry.getConsentGrantedEventFromLog(log);
                    events.add(new ConsentEvent.Granted(block, new ConsentGrant(e.consentId.longValueExact(),
                            hex(e.patient), hex(e.grantee), e.scopes.intValueExact(), e.purposes.intValueExact(),
                            e.validFrom.longValueExact(), e.validUntil.longValueExact(), MemberId.ofAddress(e.custodian),
                            e.patientSigned, false)));
                } else if (topic.equals(revoked)) {
                    events.add(new ConsentEvent.Revoked(block,
                            ConsentRegistry.getConsentRevokedEventFromLog(log).consentId.longValueExact()));
                } else if (topic.equals(emergency)) {
                    var e = ConsentRegistry.getEmergencyAccessEventFromLog(log);
                    events.add(new ConsentEvent.Emergency(block, new EmergencyAccess(hex(e.patient), hex(e.accessor),
                            hex(e.reasonCode), MemberId.ofAddress(e.custodian), e.at.longValueExact())));
                }
            }
            return events;
        });
    }

    /** The current members, in the registry's order. */
    public List<ConsortiumMember> consortiumMembers() {
        Connection c = connect();
        return call(() -> {
            List<ConsortiumMember> members = new ArrayList<>();
            long count = c.consortiumRegistry().memberCount().send().longValueExact();
            for (long i = 0; i < count; i++) {
                var m = c.consortiumRegistry().memberAt(BigInteger.valueOf(i)).send();
                members.add(new ConsortiumMember(Keys.toChecksumAddress(m.component1()), m.component2(), m.component3(),
                        List.copyOf(m.component4())));
            }
            return members;
        });
    }

    /** The votes a proposal needs now: a strict majority of the current members. */
    public int approvalsNeeded() {
        Connection c = connect();
        return call(() -> c.consortiumRegistry().approvalsNeeded().send().intValueExact());
    }

    /** Every proposal made on the registry, oldest first, from its events and the proposing transactions. */
    public List<MembershipProposal> membershipProposals() {
        Connection c = connect();
        return call(() -> {
            EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    c.addresses().get(CONSORTIUM_REGISTRY));
            List<EthLog.LogResult> logs = c.web3j().ethGetLogs(filter).send().getLogs();
            String created = EventEncoder.encode(ConsortiumRegistry.PROPOSALCREATED_EVENT);
            String voted = EventEncoder.encode(ConsortiumRegistry.VOTED_EVENT);
            String executed = EventEncoder.encode(ConsortiumRegistry.PROPOSALEXECUTED_EVENT);
            Map<Long, ConsortiumRegistry.ProposalCreatedEventResponse> proposals = new LinkedHashMap<>();
            Map<Long, List<String>> voters = new LinkedHashMap<>();
            Map<Long, Integer> approvals = new LinkedHashMap<>();
            List<Long> done = new ArrayList<>();
            for (EthLog.LogResult<?> result : logs == null ? List.<EthLog.LogResult>of() : logs) {
                Log log = (Log) result.get();
                String topic = log.getTopics().isEmpty() ? "" : log.getTopics().get(0);
                if (topic.equals(created)) {
                    var e = ConsortiumRegistry.getProposalCreatedEventFromLog(log);
                    proposals.put(e.proposalId.longValueExact(), e);
                } else if (topic.equals(voted)) {
                    var e = ConsortiumRegistry.getVotedEventFromLog(log);
                    voters.computeIfAbsent(e.proposalId.longValueExact(), id -> new ArrayList<>())
                            .add(Keys.toChecksumAddress(e.voter));
                    approvals.put(e.proposalId.longValueExact(), e.approvals.intValueExact());
                } else if (topic.equals(executed)) {
                    done.add(ConsortiumRegistry.getProposalExecutedEventFromLog(log).proposalId.longValueExact());
                }
            }
            List<MembershipProposal> result = new ArrayList<>();
            for (var entry : proposals.entrySet()) {
                var e = entry.getValue();
                String txHash = e.log.getTransactionHash();
                String kind = switch (e.kind.intValueExact()) {
                    case 0 -> "Add";
                    case 1 -> "Remove";
                    default -> "ChangeNodes";
                };
                List<String> proposed = "Add".equals(kind) ? proposedMember(c, txHash) : List.of("", "", "");
                result.add(new MembershipProposal(entry.getKey(), kind, Keys.toChecksumAddress(e.account),
                        proposed.get(0), proposed.get(1), proposed.get(2), Keys.toChecksumAddress(e.proposer),
                        e.expiresAtBlock.longValueExact(),
                        approvals.getOrDefault(entry.getKey(), 0), List.copyOf(voters.getOrDefault(entry.getKey(),
                        List.of())), done.contains(entry.getKey()), txHash));
            }
            return result;
        });
    }

    /** Sends {@code proposeAdd(...)} from the hospital's account after a dry run; returns the transaction hash. */
    public String sendProposeAdd(String account, String name, String fhirBaseUrl, String enodeId) {
        Connection c = connect();
        return sendToRegistry(c, c.consortiumRegistry().proposeAdd(account, name, fhirBaseUrl, enodeId)
                .encodeFunctionCall());
    }

    /** Sends {@code proposeRemove(account)} after a dry run; returns the transaction hash. */
    public String sendProposeRemove(String account) {
        Connection c = connect();
        return sendToRegistry(c, c.consortiumRegistry().proposeRemove(account).encodeFunctionCall());
    }

    /** Sends {@code vote(proposalId)} after a dry run; returns the transaction hash. */
    public String sendVote(long proposalId) {
        Connection c = connect();
        return sendToRegistry(c, c.consortiumRegistry().vote(BigInteger.valueOf(proposalId)).encodeFunctionCall());
    }

    /**
     * Runs the call first ({@code eth_call} from the hospital's account), so a transaction the registry would refuse
     * is never sent and its reason reaches the user; then signs and sends it without waiting for the receipt.
     */
    private String sendToRegistry(Connection c, String data) {
        String registry = c.addresses().get(CONSORTIUM_REGISTRY);
        synchronized (sendLock) {
            return call(() -> {
                Transaction transaction = Transaction.createEthCallTransaction(c.credentials().getAddress(), registry,
                        data);
                EthCall dryRun = c.web3j().ethCall(transaction, DefaultBlockParameterName.LATEST).send();
                if (dryRun.hasError() || dryRun.isReverted()) {
                    throw new TransactionRefusedException(revertReason(dryRun));
                }
                EthSendTransaction sent = c.sender().sendTransaction(c.gas().getGasPrice(),
                        c.gas().getGasLimit(transaction), registry, data, BigInteger.ZERO);
                if (sent.hasError()) {
                    throw new TransactionRefusedException(sent.getError().getMessage());
                }
                return sent.getTransactionHash();
            });
        }
    }

    /** The contract's reason from a reverted dry run: Hardhat names it in the error message, Besu in the data. */
    private static String revertReason(EthCall dryRun) {
        if (!dryRun.hasError()) {
            return dryRun.getRevertReason();
        }
        String message = dryRun.getError().getMessage();
        int quoted = message == null ? -1 : message.indexOf("reason string '");
        if (quoted >= 0) {
            String reason = message.substring(quoted + "reason string '".length());
            return reason.endsWith("'") ? reason.substring(0, reason.length() - 1) : reason;
        }
        String data = dryRun.getError().getData();
        if (data != null && data.startsWith("\"0x08c379a0")) {
            data = data.substring(1, data.length() - 1);
        }
        if (data != null && data.startsWith("0x08c379a0")) {
            List<Type> decoded = FunctionReturnDecoder.decode("0x" + data.substring(10),
                    List.of((TypeReference) new TypeReference<Utf8String>() { }));
            if (!decoded.isEmpty()) {
                return decoded.get(0).getValue().toString();
            }
        }
        return message;
    }

    /** The name, FHIR base URL and enode id a {@code proposeAdd} transaction carried. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<String> proposedMember(Connection c, String txHash) throws IOException {
        String input = c.web3j().ethGetTransactionByHash(txHash).send().getTransaction()
                .map(org.web3j.protocol.core.methods.response.Transaction::getInput).orElse("");
        String body = Numeric.cleanHexPrefix(input);
        if (body.length() <= 8) {
            return List.of("", "", "");
        }
        List<Type> args = FunctionReturnDecoder.decode("0x" + body.substring(8), List.of(
                (TypeReference) new TypeReference<Address>() { }, (TypeReference) new TypeReference<Utf8String>() { },
                (TypeReference) new TypeReference<Utf8String>() { },
                (TypeReference) new TypeReference<Utf8String>() { }));
        return args.size() == 4 ? List.of(args.get(1).getValue().toString(), args.get(2).getValue().toString(),
                args.get(3).getValue().toString()) : List.of("", "", "");
    }

    private static String hex(byte[] bytes32) {
        return Numeric.toHexStringNoPrefix(bytes32);
    }

    @PreDestroy
    void close() {
        Connection current = connection;
        if (current != null) {
            current.web3j().shutdown();
        }
        // web3j's RxJava schedulers start daemon threads that would otherwise keep this deployment's classes alive
        io.reactivex.schedulers.Schedulers.shutdown();
    }

    private Connection connect() {
        Connection current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                connection = open();
            }
            return connection;
        }
    }

    private Connection open() {
        String rpcUrl = MedLedgerSettings.rpcUrl();
        HttpService service = new HttpService(rpcUrl);
        Web3j web3j = Web3j.build(service);
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            Credentials credentials = LedgerAccount.loadOrCreate(
                    MedLedgerSettings.dataDir().resolve("keys").resolve("ledger-account.json"),
                    MedLedgerSettings.keystorePassword());
            fundOnDevelopmentChain(web3j, service, credentials.getAddress());
            ContractGasProvider gas = new StaticGasProvider(web3j.ethGasPrice().send().getGasPrice(),
                    BigInteger.valueOf(MedLedgerSettings.longValue("medledger.ledger.gas-limit", 6_000_000)));
            Map<String, String> addresses = ensureContracts(web3j, credentials, chainId, gas);
            TransactionManager sender = new RawTransactionManager(web3j, credentials, chainId,
                    new NoOpProcessor(web3j));
            RecordAnchor recordAnchor = RecordAnchor.load(addresses.get(RECORD_ANCHOR), web3j, sender, gas);
            ConsentRegistry consentRegistry = ConsentRegistry.load(addresses.get(CONSENT_REGISTRY), web3j, sender, gas);
            ConsortiumRegistry consortiumRegistry = ConsortiumRegistry.load(addresses.get(CONSORTIUM_REGISTRY), web3j,
                    sender, gas);
            LOG.info(() -> "Connected to chain " + chainId + " at " + rpcUrl + " as " + credentials.getAddress());
            return new Connection(web3j, service, credentials, chainId, Map.copyOf(addresses), recordAnchor,
                    consentRegistry, consortiumRegistry, sender, gas);
        } catch (LedgerUnavailableException e) {
            web3j.shutdown();
            throw e;
        } catch (Exception e) {
            web3j.shutdown();
            throw new LedgerUnavailableException("Chain node at " + rpcUrl + " is unavailable: " + e.getMessage(), e);
        }
    }

    private Map<String, String> ensureContracts(Web3j web3j, Credentials credentials, long chainId,
                                                ContractGasProvider gas) throws Exception {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (String name : List.of(CONSORTIUM_REGISTRY, RECORD_ANCHOR, CONSENT_REGISTRY)) {
            MedLedgerSettings.contractAddress(name)
                    .or(() -> deployedContracts.address(name, chainId))
                    .filter(address -> hasCode(web3j, address))
                    .ifPresent(address -> addresses.put(name, address));
        }
        if (addresses.size() == 3) {
            return addresses;
        }
        LOG.info(() -> "Deploying the consortium contracts on chain " + chainId);
        TransactionManager deployer = new RawTransactionManager(web3j, credentials, chainId,
                new PollingTransactionReceiptProcessor(web3j, 500, 120));
        ConsortiumAddresses deployed = ConsortiumDeployment.deploy(web3j, deployer, gas,
                List.of(new FoundingMember(MedLedgerSettings.hospitalName(), MedLedgerSettings.fhirBaseUrl(),
                        credentials.getAddress(), List.of())),
                MedLedgerSettings.longValue("medledger.consortium.proposal-ttl-blocks", 40_320));
        addresses.clear();
        addresses.put(CONSORTIUM_REGISTRY, deployed.consortiumRegistry());
        addresses.put(RECORD_ANCHOR, deployed.recordAnchor());
        addresses.put(CONSENT_REGISTRY, deployed.consentRegistry());
        addresses.forEach((name, address) -> deployedContracts.remember(name, chainId, address));
        LOG.info(() -> "Consortium contracts deployed: " + addresses);
        return addresses;
    }

    private static boolean hasCode(Web3j web3j, String address) {
        try {
            String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw new LedgerUnavailableException("Chain node is unavailable: " + e.getMessage(), e);
        }
    }

    /** A Hardhat development node starts with unfunded accounts unknown to it; fund ours there only. */
    private static void fundOnDevelopmentChain(Web3j web3j, HttpService service, String address) throws IOException {
        String client = web3j.web3ClientVersion().send().getWeb3ClientVersion();
        if (client == null || !client.startsWith("HardhatNetwork")) {
            return;
        }
        BigInteger balance = web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
        if (balance.compareTo(DEV_CHAIN_BALANCE.divide(BigInteger.TEN)) < 0) {
            new Request<>("hardhat_setBalance", List.of(address, Numeric.toHexStringWithPrefix(DEV_CHAIN_BALANCE)),
                    service, DevChainResponse.class).send();
        }
    }

    /** Response of Besu's {@code qbft_getValidatorsByBlockNumber} and {@code ibft_getValidatorsByBlockNumber}. */
    public static class ValidatorsResponse extends Response<List<String>> {
    }

    /** Response of {@code admin_peers}: one object per connected peer. */
    public static class PeersResponse extends Response<List<Map<String, Object>>> {
    }

    /** Response of Hardhat's development-only RPC methods. */
    public static class DevChainResponse extends Response<Object> {
    }

    private static boolean isZero(byte[] value) {
        for (byte b : value) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    private interface RpcCall<T> {
        T run() throws Exception;
    }

    private <T> T call(RpcCall<T> rpc) {
        try {
            return rpc.run();
        } catch (IOException e) {
            // The node went away: reconnect on the next call.
            connection = null;
            throw new LedgerUnavailableException("Chain node is unavailable: " + e.getMessage(), e);
        } catch (LedgerUnavailableException | TransactionRefusedException e) {
            throw e;
        } catch (Exception e) {
            throw new LedgerUnavailableException("Chain request failed: " + e.getMessage(), e);
        }
    }
}
