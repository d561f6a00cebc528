package org.medledger.interfaces.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.annotation.WebServlet;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.medledger.application.AccessAuditService;
import org.medledger.application.BinaryContentService;
import org.medledger.application.IntegritySweepService;
import org.medledger.application.KeyRotationService;
import org.medledger.application.RecordService;
import org.medledger.application.UnitOfWork;
import org.medledger.application.access.BackendClientService;
import org.medledger.application.consent.ConsentService;
import org.medledger.application.consent.ResearchPseudonyms;
import org.medledger.application.search.ResourceSearch;
import org.medledger.infrastructure.config.MedLedgerSettings;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;

/**
 * The FHIR R4 endpoint at {@code /fhir}: one {@link StoredResourceProvider} per resource type over
 * the record service. Cross-cutting behaviour belongs in interceptors registered here.
 */
@WebServlet(urlPatterns = "/*", loadOnStartup = 1, displayName = "MedLedger FHIR R4 API")
public class MedLedgerFhirServer extends RestfulServer {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient RecordService records;

    @EJB
    private transient ResourceSearch search;

    @EJB
    private transient IntegritySweepService sweeps;

    @EJB
    private transient KeyRotationService rotation;

    @EJB
    private transient UnitOfWork unitOfWork;

    @EJB
    private transient ConsentService consents;

    @EJB
    private transient BackendClientService clients;

    @EJB
    private transient ResearchPseudonyms researchPseudonyms;

    @EJB
    private transient AccessAuditService accessAudit;

    @EJB
    private transient BinaryContentService binaries;

    @Resource
    private transient ManagedExecutorService executor;

    @Resource
    private transient UserTransaction transaction;

    public MedLedgerFhirServer() {
        super(FhirContext.forR4Cached());
    }

    /** Keeps recent searches' page cursors (not their results) so next/previous links work. */
    private static FifoMemoryPagingProvider pagingProvider() {
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(500);
        paging.setDefaultPageSize(20);
        paging.setMaximumPageSize(200);
        return paging;
    }

    @Override
    protected void initialize() {
        setServerName("MedLedger");
        setImplementationDescription("MedLedger FHIR R4 server: encrypted records anchored on a consortium ledger");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setDefaultPrettyPrint(false);

        ResourceValidation validation = new ResourceValidation(getFhirContext(), MedLedgerSettings.validateFhirWrites());
        validation.warmUp();
        List<IResourceProvider> providers = new ArrayList<>();
        for (String type : new TreeSet<>(getFhirContext().getResourceTypes())) {
            providers.add(switch (type) {
                case "Patient" -> new PatientResourceProvider(getFhirContext(), records, search, validation);
                // The audit trail is written by the server itself, never by clients.
                case "AuditEvent" -> new StoredResourceProvider(getFhirContext(), type, records, search, validation);
                default -> new WritableResourceProvider(getFhirContext(), type, records, search, validation);
            });
        }
        setResourceProviders(providers);
        registerProvider(new BundleProcessor(getFhirContext(), records, search, unitOfWork, validation, executor));
        registerProvider(new AdministrativeOperations(sweeps, rotation));
        registerProvider(new ConsentOperations(consents));
        registerProvider(new BackendClientRegistration(clients));
        setPagingProvider(pagingProvider());
        registerInterceptor(new ResponseHighlighterInterceptor());
        registerInterceptor(new RequestSizeLimit(
                MedLedgerSettings.longValue("medledger.http.max-post-size", RequestSizeLimit.DEFAULT_LIMIT)));
        registerInterceptor(new SearchCapabilities());
        registerInterceptor(new VersionHeaders());
        registerInterceptor(new RecordExceptionTranslator());
        registerInterceptor(new BackendAuthorization(clients));
        registerInterceptor(new Utf8RequestBodies());
        registerInterceptor(new XmlWithoutDoctype());
        registerInterceptor(new ConsentEnforcement(getFhirContext(), consents,
                StoredResources.byReference(getFhirContext(), records),
                new ResearchRelease(getFhirContext(), researchPseudonyms)));
        registerInterceptor(new AccessAudit(getFhirContext(), accessAudit));
        registerInterceptor(new AuditedWrites(transaction));
        registerInterceptor(new RawBinaryDownload(binaries));
    }
}
