package org.medledger.domain.model.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An Ethereum wallet a patient proved to hold, by signing a link message; it then signs in as that patient. */
@Entity
@Table(name = "wallet_link")
public class WalletLink {

    /** Lower-case {@code 0x} hex; one address belongs to one login at most. */
    @Id
    @Column(name = "address", length = 42)
    private String address;

    @Column(name = "username", nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "linked_at", nullable = false)
    private Instant linkedAt;

    protected WalletLink() {
    }

    public WalletLink(String address, String username, Instant linkedAt) {
        this.address = address;
        this.username = username;
        this.linkedAt = linkedAt;
    }

    public String getAddress() {
        return address;
    }

    public String getUsername() {
        return username;
    }

    public Instant getLinkedAt() {
        return linkedAt;
    }
}
