package org.medledger.interfaces.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Every response that carries a written resource version gets its {@code ETag}, whichever interaction wrote it
 * (HAPI's plain server adds it for reads only; create and update set it through their outcome).
 */
@Interceptor
public class VersionHeaders {

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean addETag(RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse) {
        IBaseResource resource = response.getResponseResource();
        if (request.getRequestType() == RequestTypeEnum.PATCH && resource != null
                && resource.getIdElement().hasVersionIdPart() && servletResponse.getHeader("ETag") == null) {
            servletResponse.setHeader("ETag", "W/\"" + resource.getIdElement().getVersionIdPart() + "\"");
        }
        return true;
    }
}
