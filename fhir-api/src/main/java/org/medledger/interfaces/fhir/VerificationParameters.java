package org.medledger.interfaces.fhir;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.medledger.application.VerificationReport;

/** Shapes a verification report as the {@code Parameters} resource that {@code $verify} returns. */
final class VerificationParameters {

    private VerificationParameters() {
    }

    static Parameters of(VerificationReport report) {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("reference").setValue(new StringType(report.reference()));
        parameters.addParameter().setName("result").setValue(new CodeType(report.status().name().toLowerCase()));
        parameters.addParameter().setName("matches")
                .setValue(new BooleanType(report.status() == VerificationReport.Status.MATCHED));
        parameters.addParameter().setName("detail").setValue(new StringType(report.detail()));
        if (report.computedHash() != null) {
            parameters.addParameter().setName("contentHash").setValue(new StringType("0x" + report.computedHash()));
        }
        parameters.addParameter().setName("storedHash").setValue(new StringType("0x" + report.storedHash()));
        if (report.merkleRoot() != null) {
            parameters.addParameter().setName("merkleRoot").setValue(new StringType("0x" + report.merkleRoot()));
            parameters.addParameter().setName("leafIndex").setValue(new IntegerType(report.leafIndex()));
            parameters.addParameter().setName("proofLength").setValue(new IntegerType(report.proof().size()));
            if (!report.proof().isEmpty()) {
                Parameters.ParametersParameterComponent proof = parameters.addParameter().setName("merkleProof");
                for (String sibling : report.proof()) {
                    proof.addPart().setName("sibling").setValue(new StringType("0x" + sibling));
                }
            }
        }
        if (report.txHash() != null) {
            parameters.addParameter().setName("transactionHash").setValue(new StringType(report.txHash()));
        }
        if (report.blockNumber() != null) {
            parameters.addParameter().setName("blockNumber").setValue(new StringType(report.blockNumber().toString()));
        }
        if (report.anchorContract() != null) {
            parameters.addParameter().setName("anchorContract").setValue(new StringType(report.anchorContract()));
        }
        if (report.proofVerifiedOnChain() != null) {
            parameters.addParameter().setName("verifiedOnChain")
                    .setValue(new BooleanType(report.proofVerifiedOnChain()));
        }
        return parameters;
    }
}
