package org.medledger.application;

/** The figures an administrator sees first. */
public interface DashboardService {

    DashboardSnapshot snapshot();
}
