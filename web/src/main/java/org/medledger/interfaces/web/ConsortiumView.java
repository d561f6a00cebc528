package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.medledger.application.InvalidRecordException;
import org.medledger.application.portal.ChainTransaction;
import org.medledger.application.portal.ConsortiumOverview;
import org.medledger.application.portal.ConsortiumVotes;
import org.medledger.application.portal.MemberProposal;
import org.medledger.domain.model.consortium.MembershipProposal;

/** Admin: the consortium's members and open proposals on chain; propose a member's addition or removal, and vote. */
@Named
@ViewScoped
public class ConsortiumView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A transaction sent from this page, and what it was for. */
    public record SentTransaction(String what, ChainTransaction transaction) implements Serializable {
    }

    @EJB
    private ConsortiumVotes votes;

    @Inject
    private CurrentUser user;

    private String name;
    private String fhirBaseUrl;
    private String address;
    private String enodeId;
    private ConsortiumOverview overview;
    private List<SentTransaction> sent = new ArrayList<>();

    @PostConstruct
    void load() {
        overview = votes.overview(user.username()).orElse(null);
        if (overview == null) {
            PageMessages.error("Chain unreachable", "members and proposals are read from the chain; try again later");
        }
        List<SentTransaction> now = new ArrayList<>();
        for (SentTransaction t : sent) {
            now.add(new SentTransaction(t.what(), votes.transaction(user.username(), t.transaction().txHash())));
        }
        sent = now;
    }

    public void proposeAdd() {
        if (send("Add " + address, () -> votes.proposeAdd(user.username(),
                new MemberProposal(name, fhirBaseUrl, address, enodeId)))) {
            name = fhirBaseUrl = address = enodeId = null;
        }
    }

    public void proposeRemove(String member) {
        send("Remove " + member, () -> votes.proposeRemove(user.username(), member));
    }

    public void vote(MembershipProposal proposal) {
        send("Vote for proposal " + proposal.id(), () -> votes.vote(user.username(), proposal.id()));
    }

    public void refresh() {
        load();
    }

    /** Sends one transaction and shows it among those sent; false (with the reason shown) when it was not sent. */
    private boolean send(String what, Supplier<String> transaction) {
        boolean done = false;
        try {
            String txHash = transaction.get();
            sent.add(0, new SentTransaction(what, new ChainTransaction(txHash, ChainTransaction.PENDING, null)));
            PageMessages.info("Transaction sent", what + ": " + txHash + ".");
            done = true;
        } catch (InvalidRecordException e) {
            PageMessages.error("Not sent", e.getMessage());
        }
        load();
        return done;
    }

    public boolean isChainReachable() {
        return overview != null;
    }

    public ConsortiumOverview getOverview() {
        return overview;
    }

    public boolean votedFor(MembershipProposal proposal) {
        return overview != null && overview.votedFor(proposal);
    }

    public List<SentTransaction> getSent() {
        return sent;
    }

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getFhirBaseUrl() { return fhirBaseUrl; }
    public void setFhirBaseUrl(String v) { fhirBaseUrl = v; }
    public String getAddress() { return address; }
    public void setAddress(String v) { address = v; }
    public String getEnodeId() { return enodeId; }
    public void setEnodeId(String v) { enodeId = v; }
}
