// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./IMembership.sol";

/// @title ConsentRegistry
/// @notice Patients' consents, keyed by a patient pseudonym (never an identifier). A revocation wins over
/// any grant and is final; to allow access again, grant anew. Every change emits everything a follower
/// needs to rebuild the consent state from events alone.
contract ConsentRegistry {
    struct Consent {
        bytes32 patient;
        bytes32 grantee;
        uint32 scopes;
        uint32 purposes;
        uint64 validFrom;
        uint64 validUntil;
        address custodian;
        bool revoked;
    }

    IMembership public immutable registry;
    Consent[] private consents;

    event ConsentGranted(uint256 indexed consentId, bytes32 indexed patient, bytes32 indexed grantee, uint32 scopes,
        uint32 purposes, uint64 validFrom, uint64 validUntil, address custodian);
    event ConsentRevoked(uint256 indexed consentId, bytes32 indexed patient, bytes32 indexed grantee,
        address custodian);
    event EmergencyAccess(bytes32 indexed patient, bytes32 indexed accessor, bytes32 reasonCode, address custodian);

    constructor(IMembership membership) {
        registry = membership;
    }

    modifier onlyMember() {
        require(registry.isMember(msg.sender), "ConsentRegistry: caller is not a consortium member");
        _;
    }

    function grant(bytes32 patient, bytes32 grantee, uint32 scopes, uint32 purposes, uint64 validFrom,
                   uint64 validUntil) external onlyMember returns (uint256 consentId) {
        require(patient != bytes32(0) && grantee != bytes32(0), "ConsentRegistry: empty patient or grantee");
        require(scopes != 0 && purposes != 0, "ConsentRegistry: empty scope or purpose");
        require(validUntil == 0 || validUntil > validFrom, "ConsentRegistry: period ends before it starts");
        consentId = consents.length;
        consents.push(Consent(patient, grantee, scopes, purposes, validFrom, validUntil, msg.sender, false));
        emit ConsentGranted(consentId, patient, grantee, scopes, purposes, validFrom, validUntil, msg.sender);
    }

    function revoke(uint256 consentId) external onlyMember {
        require(consentId < consents.length, "ConsentRegistry: unknown consent");
        Consent storage c = consents[consentId];
        require(!c.revoked, "ConsentRegistry: already revoked");
        c.revoked = true;
        emit ConsentRevoked(consentId, c.patient, c.grantee, msg.sender);
    }

    function consentCount() external view returns (uint256) {
        return consents.length;
    }

    /// @notice Whether a live, unrevoked consent covers every requested scope and purpose bit at time `at`.
    function isPermitted(bytes32 patient, bytes32 grantee, uint32 scopes, uint32 purposes, uint64 at)
        external view returns (bool)
    {
        for (uint256 i = consents.length; i > 0; i--) {
            Consent storage c = consents[i - 1];
            if (c.patient == patient && c.grantee == grantee && !c.revoked
                && (c.scopes & scopes) == scopes && (c.purposes & purposes) == purposes
                && at >= c.validFrom && (c.validUntil == 0 || at < c.validUntil)) {
                return true;
            }
        }
        return false;
    }

    function recordEmergencyAccess(bytes32 patient, bytes32 accessor, bytes32 reasonCode) external onlyMember {
        emit EmergencyAccess(patient, accessor, reasonCode, msg.sender);
    }
}
