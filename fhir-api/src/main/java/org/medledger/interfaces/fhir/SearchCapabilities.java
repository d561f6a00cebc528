package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.medledger.application.search.SearchParameterCatalog;
import org.medledger.application.search.SearchParameterDefinition;
import org.medledger.application.search.SearchParameterKind;

/** Declares in the CapabilityStatement exactly the search parameters the search index answers. */
@Interceptor
public class SearchCapabilities {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void declareSearchParameters(IBaseConformance generated) {
        CapabilityStatement capability = (CapabilityStatement) generated;
        for (CapabilityStatement.CapabilityStatementRestComponent rest : capability.getRest()) {
            for (CapabilityStatement.CapabilityStatementRestResourceComponent resource : rest.getResource()) {
                resource.getSearchParam().clear();
                resource.addSearchParam().setName("_id").setType(Enumerations.SearchParamType.TOKEN);
                resource.addSearchParam().setName("_lastUpdated").setType(Enumerations.SearchParamType.DATE);
                for (SearchParameterDefinition parameter : SearchParameterCatalog.forType(resource.getType())) {
                    resource.addSearchParam().setName(parameter.name()).setType(typeOf(parameter))
                            .setDocumentation(documentation(parameter));
                    if (parameter.kind() == SearchParameterKind.REFERENCE) {
                        resource.addSearchInclude(resource.getType() + ":" + parameter.name());
                    }
                }
                if (resource.getType().equals("Patient")) {
                    // Every type's patient/subject reference can be reverse-included on a Patient search.
                    for (CapabilityStatement.CapabilityStatementRestResourceComponent source : rest.getResource()) {
                        for (SearchParameterDefinition parameter : SearchParameterCatalog.forType(source.getType())) {
                            if (parameter.kind() == SearchParameterKind.REFERENCE
                                    && (parameter.name().equals("patient") || parameter.name().equals("subject"))) {
                                resource.addSearchRevInclude(source.getType() + ":" + parameter.name());
                            }
                        }
                    }
                }
            }
        }
    }

    private static Enumerations.SearchParamType typeOf(SearchParameterDefinition parameter) {
        return switch (parameter.kind()) {
            case TOKEN, IDENTIFIER -> Enumerations.SearchParamType.TOKEN;
            case REFERENCE -> Enumerations.SearchParamType.REFERENCE;
            case DATE -> Enumerations.SearchParamType.DATE;
            case NAME -> Enumerations.SearchParamType.STRING;
        };
    }

    private static String documentation(SearchParameterDefinition parameter) {
        return switch (parameter.kind()) {
            case NAME -> "Exact match of a whole name part, ignoring case and spacing (names are stored as keyed "
                    + "hashes, so prefix matching is not offered)";
            case IDENTIFIER -> "Exact match of [system|]value (identifiers are stored as keyed hashes)";
            default -> null;
        };
    }
}
