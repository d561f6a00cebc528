package org.medledger.it;

/**
 * Where the managed server under test answers. The build places the EAR exactly as it packaged it in the server's
 * deployments directory, so the server deploys it once at boot for the whole pass: every test class talks to the
 * same deployment, as clients of a hospital's server would.
 */
public final class MedLedgerDeployment {

    private MedLedgerDeployment() {
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("medledger.it.http-port", "8180");
    }

    public static String rpcUrl() {
        return System.getProperty("medledger.it.rpc-url", "http://127.0.0.1:18545");
    }
}
