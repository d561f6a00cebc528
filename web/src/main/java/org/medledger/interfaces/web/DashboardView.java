package org.medledger.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medledger.application.DashboardService;
import org.medledger.application.DashboardSnapshot;

/** The signed-in landing page: counts, chain height, contracts and the anchoring backlog. */
@Named
@RequestScoped
public class DashboardView {

    @EJB
    private DashboardService dashboard;

    private DashboardSnapshot snapshot;

    @PostConstruct
    void load() {
        snapshot = dashboard.snapshot();
    }

    public DashboardSnapshot getSnapshot() {
        return snapshot;
    }

    public List<Map.Entry<String, String>> getContracts() {
        return new ArrayList<>(snapshot.getContractAddresses().entrySet());
    }
}
