package org.medledger.application.portal;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.medledger.application.InvalidRecordException;
import org.medledger.domain.model.identity.Role;
import org.medledger.infrastructure.ledger.LedgerGateway;
import org.medledger.infrastructure.ledger.LedgerSenderLease;
import org.medledger.infrastructure.ledger.LedgerUnavailableException;
import org.medledger.infrastructure.ledger.TransactionRefusedException;
import org.web3j.crypto.Keys;

@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsortiumVotesBean implements ConsortiumVotes {

    private static final Logger LOG = Logger.getLogger(ConsortiumVotesBean.class.getName());
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern ENODE_ID = Pattern.compile("[0-9a-fA-F]{128}");
    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final String REGISTRY_PREFIX = "ConsortiumRegistry: ";

    @EJB
    private LedgerGateway ledger;

    @EJB
    private LedgerSenderLease senderLease;

    @EJB
    private PortalCallers callers;

    @Override
    public Optional<ConsortiumOverview> overview(String adminUsername) {
        callers.account(adminUsername, Role.ADMIN);
        try {
            long height = ledger.blockHeight();
            return Optional.of(new ConsortiumOverview(Keys.toChecksumAddress(ledger.accountAddress()), height,
                    ledger.approvalsNeeded(), ledger.consortiumMembers(), ledger.membershipProposals().stream()
                    .filter(p -> !p.executed() && height <= p.expiresAtBlock()).toList()));
        } catch (LedgerUnavailableException e) {
            LOG.info(() -> "Consortium page without the chain: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public String proposeAdd(String adminUsername, MemberProposal proposal) {
        callers.account(adminUsername, Role.ADMIN);
        String name = text(proposal.name(), "name", 128);
        String url = fhirBaseUrl(proposal.fhirBaseUrl());
        String address = address(proposal.address(), "signing address");
        String enode = enodeId(proposal.enodeId());
        String txHash = send(() -> ledger.sendProposeAdd(address, name, url, enode));
        LOG.info(() -> "Proposed adding member " + address + " (tx " + txHash + ") by " + adminUsername);
        return txHash;
    }

    @Override
    public String proposeRemove(String adminUsername, String address) {
        callers.account(adminUsername, Role.ADMIN);
        String member = address(address, "member address");
        String txHash = send(() -> ledger.sendProposeRemove(member));
        LOG.info(() -> "Proposed removing member " + member + " (tx " + txHash + ") by " + adminUsername);
        return txHash;
    }

    @Override
    public String vote(String adminUsername, long proposalId) {
        callers.account(adminUsername, Role.ADMIN);
        if (proposalId < 0) {
            throw new InvalidRecordException("Choose an open proposal to vote on");
        }
        String txHash = send(() -> ledger.sendVote(proposalId));
        LOG.info(() -> "Voted for proposal " + proposalId + " (tx " + txHash + ") by " + adminUsername);
        return txHash;
    }

    @Override
    public ChainTransaction transaction(String adminUsername, String txHash) {
        callers.account(adminUsername, Role.ADMIN);
        if (txHash == null || !TX_HASH.matcher(txHash).matches()) {
            throw new InvalidRecordException("A transaction hash is 0x and 64 hex digits");
        }
        try {
            return ledger.receipt(txHash)
                    .map(r -> new ChainTransaction(txHash,
                            r.succeeded() ? ChainTransaction.MINED : ChainTransaction.FAILED, r.blockNumber()))
                    .orElseGet(() -> new ChainTransaction(txHash, ChainTransaction.PENDING, null));
        } catch (LedgerUnavailableException e) {
            return new ChainTransaction(txHash, ChainTransaction.UNKNOWN, null);
        }
    }

    /** Sends only from the node that holds the sender lease, so the account's nonces stay in one place. */
    private String send(Supplier<String> transaction) {
        if (!senderLease.hold()) {
            throw new InvalidRecordException("Another application node of this hospital sends its chain transactions "
                    + "right now; try again in a minute");
        }
        try {
            return transaction.get();
        } catch (LedgerUnavailableException e) {
            LOG.info(() -> "Consortium transaction not sent: " + e.getMessage());
            throw new InvalidRecordException("The chain node is unreachable; nothing was sent, try again later");
        } catch (TransactionRefusedException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage();
            int prefix = reason.indexOf(REGISTRY_PREFIX);
            throw new InvalidRecordException("The consortium registry refused this: "
                    + (prefix >= 0 ? reason.substring(prefix + REGISTRY_PREFIX.length()) : reason));
        }
    }

    private static String address(String value, String field) {
        String address = value == null ? "" : value.strip();
        if (!ADDRESS.matcher(address).matches()) {
            throw new InvalidRecordException("The " + field + " must be 0x followed by 40 hex digits");
        }
        String digits = address.substring(2);
        boolean mixedCase = !digits.equals(digits.toLowerCase(Locale.ROOT))
                && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixedCase && !Keys.toChecksumAddress(address).equals(address)) {
            throw new InvalidRecordException("The " + field + " has a wrong checksum (its upper and lower case letters "
                    + "do not match): check it for a typing error");
        }
        if (digits.chars().allMatch(ch -> ch == '0')) {
            throw new InvalidRecordException("The " + field + " must not be the zero address");
        }
        return Keys.toChecksumAddress(address);
    }

    private static String enodeId(String value) {
        String enode = value == null ? "" : value.strip();
        if (enode.isEmpty()) {
            return "";
        }
        if (enode.startsWith("enode://")) {
            int at = enode.indexOf('@');
            enode = enode.substring("enode://".length(), at < 0 ? enode.length() : at);
        }
        if (!ENODE_ID.matcher(enode).matches()) {
            throw new InvalidRecordException("The enode id must be the node's public key: 128 hex digits "
                    + "(or an enode:// URL), or left empty");
        }
        return enode.toLowerCase(Locale.ROOT);
    }

    private static String fhirBaseUrl(String value) {
        String url = text(value, "FHIR base URL", 256);
        try {
            URI uri = new URI(url);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidRecordException("The FHIR base URL must be an http or https URL with a host, "
                        + "like https://fhir.example.org/fhir");
            }
        } catch (URISyntaxException e) {
            throw new InvalidRecordException("The FHIR base URL is not a valid URL");
        }
        return url;
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException("Enter the " + field);
        }
        if (value.strip().length() > max) {
            throw new InvalidRecordException("The " + field + " is longer than " + max + " characters");
        }
        return value.strip();
    }
}
