package org.medledger.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The EAR exactly as the build packaged it, for black-box tests against the managed server. */
public final class MedLedgerDeployment {

    private MedLedgerDeployment() {
    }

    public static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("medledger.it.ear", "target/medledger.ear"));
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + System.getProperty("medledger.it.http-port", "8180");
    }

    public static String rpcUrl() {
        return System.getProperty("medledger.it.rpc-url", "http://127.0.0.1:18545");
    }
}
