package org.medledger.domain.model.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The address of a consortium contract on the chain this server uses, remembered after deployment. */
@Entity
@Table(name = "deployed_contract")
public class DeployedContract {

    @Id
    @Column(name = "contract_name", length = 64)
    private String contractName;

    @Column(name = "chain_id", nullable = false)
    private long chainId;

    @Column(name = "address", nullable = false, length = 42)
    private String address;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected DeployedContract() {
    }

    public DeployedContract(String contractName, long chainId, String address, Instant recordedAt) {
        this.contractName = contractName;
        this.chainId = chainId;
        this.address = address;
        this.recordedAt = recordedAt;
    }

    public String getContractName() {
        return contractName;
    }

    public long getChainId() {
        return chainId;
    }

    public String getAddress() {
        return address;
    }
}
