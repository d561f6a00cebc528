// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./IMembership.sol";

/// @title ConsentRegistry
/// @notice Patients' consents, keyed by a patient pseudonym (never an identifier). A revocation wins over
/// any earlier grant and is final; to allow access again, grant anew. Every state change emits everything a
/// follower needs to rebuild the consent state from events alone.
///
/// Scopes and purposes are bit sets. Scope bits (resource categories): 0 demographics, 1 encounters,
/// 2 observations/vitals, 3 laboratory, 4 conditions, 5 medications, 6 allergies, 7 procedures,
/// 8 immunizations, 9 documents, 10 imaging, 11 mental health, 12 sexual/reproductive health,
/// 13 substance use, 14 genomics, 15 financial. Purpose bits (HL7 v3 PurposeOfUse): 0 TREAT, 1 ETREAT,
/// 2 HPAYMT, 3 HOPERAT, 4 HRESCH, 5 PUBHLTH, 6 PATRQT.
///
/// Patient-signed consent: a patient binds an Ethereum key to their pseudonym once (the binding is itself
/// signed by that key and relayed by a member hospital); from then on grantWithSignature and
/// revokeWithSignature accept only EIP-712 signatures by that key, so a hospital cannot forge them.
/// Replay protection: a per-patient nonce, a deadline, and the chain id and contract address in the domain.
contract ConsentRegistry {
    struct Consent {
        bytes32 patient;
        bytes32 grantee;
        uint32 scopes;
        uint32 purposes;
        uint64 validFrom;
        uint64 validUntil;
        address custodian;
        bool patientSigned;
        bool revoked;
    }

    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 public constant GRANT_TYPEHASH = keccak256(
        "Grant(bytes32 patient,bytes32 grantee,uint32 scopes,uint32 purposes,uint64 validFrom,uint64 validUntil,uint256 nonce,uint256 deadline)");
    bytes32 public constant REVOKE_TYPEHASH = keccak256("Revoke(uint256 consentId,uint256 nonce,uint256 deadline)");
    bytes32 public constant BIND_TYPEHASH = keccak256("BindKey(bytes32 patient,address key,uint256 nonce)");
    uint256 private constant HALF_CURVE_ORDER =
        0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    IMembership public immutable registry;
    Consent[] private consents;
    /// Consent ids per keccak256(patient, grantee): isPermitted reads only that pair's consents, so its cost does
    /// not grow with the whole registry over the years.
    mapping(bytes32 => uint256[]) private consentIdsOfPair;
    mapping(bytes32 => address) public patientKeyOf;
    mapping(bytes32 => uint256) public nonces;

    event ConsentGranted(uint256 indexed consentId, bytes32 indexed patient, bytes32 indexed grantee, uint32 scopes,
        uint32 purposes, uint64 validFrom, uint64 validUntil, address custodian, bool patientSigned);
    event ConsentRevoked(uint256 indexed consentId, bytes32 indexed patient, bytes32 indexed grantee,
        address custodian, bool patientSigned);
    event PatientKeyBound(bytes32 indexed patient, address indexed key, address custodian);
    event EmergencyAccess(bytes32 indexed patient, bytes32 indexed accessor, bytes32 reasonCode, address custodian,
        uint64 at);

    constructor(IMembership membership) {
        registry = membership;
    }

    modifier onlyMember() {
        require(registry.isMember(msg.sender), "ConsentRegistry: caller is not a consortium member");
        _;
    }

    /// @notice A member records a consent its patient gave in person (identity checked by the hospital).
    function grant(bytes32 patient, bytes32 grantee, uint32 scopes, uint32 purposes, uint64 validFrom,
                   uint64 validUntil) external onlyMember returns (uint256) {
        return _grant(patient, grantee, scopes, purposes, validFrom, validUntil, false);
    }

    /// @notice A member records a revocation its patient asked for. Final.
    function revoke(uint256 consentId) external onlyMember {
        _revoke(consentId, false);
    }

    /// @notice Binds the patient's own key to their pseudonym; only while none is bound.
    function bindPatientKey(bytes32 patient, address key, bytes calldata signature) external onlyMember {
        require(patient != bytes32(0) && key != address(0), "ConsentRegistry: empty patient or key");
        require(patientKeyOf[patient] == address(0), "ConsentRegistry: patient key already bound");
        uint256 nonce = nonces[patient];
        bytes32 digest = _digest(keccak256(abi.encode(BIND_TYPEHASH, patient, key, nonce)));
        require(_recover(digest, signature) == key, "ConsentRegistry: invalid patient signature");
        nonces[patient] = nonce + 1;
        patientKeyOf[patient] = key;
        emit PatientKeyBound(patient, key, msg.sender);
    }

    function grantWithSignature(bytes32 patient, bytes32 grantee, uint32 scopes, uint32 purposes, uint64 validFrom,
                                uint64 validUntil, uint256 deadline, bytes calldata signature)
        external onlyMember returns (uint256)
    {
        require(block.timestamp <= deadline, "ConsentRegistry: signature expired");
        uint256 nonce = nonces[patient];
        bytes32 digest = _digest(keccak256(abi.encode(GRANT_TYPEHASH, patient, grantee, scopes, purposes,
            validFrom, validUntil, nonce, deadline)));
        _requirePatientSignature(patient, digest, signature);
        nonces[patient] = nonce + 1;
        return _grant(patient, grantee, scopes, purposes, validFrom, validUntil, true);
    }

    function revokeWithSignature(uint256 consentId, uint256 deadline, bytes calldata signature) external onlyMember {
        require(block.timestamp <= deadline, "ConsentRegistry: signature expired");
        require(consentId < consents.length, "ConsentRegistry: unknown consent");
        bytes32 patient = consents[consentId].patient;
        uint256 nonce = nonces[patient];
        bytes32 digest = _digest(keccak256(abi.encode(REVOKE_TYPEHASH, consentId, nonce, deadline)));
        _requirePatientSignature(patient, digest, signature);
        nonces[patient] = nonce + 1;
        _revoke(consentId, true);
    }

    function recordEmergencyAccess(bytes32 patient, bytes32 accessor, bytes32 reasonCode) external onlyMember {
        require(patient != bytes32(0) && accessor != bytes32(0), "ConsentRegistry: empty patient or accessor");
        emit EmergencyAccess(patient, accessor, reasonCode, msg.sender, uint64(block.timestamp));
    }

    function consentCount() external view returns (uint256) {
        return consents.length;
    }

    function consentAt(uint256 consentId) external view returns (Consent memory) {
        require(consentId < consents.length, "ConsentRegistry: unknown consent");
        return consents[consentId];
    }

    /// @notice Whether a live, unrevoked consent covers every requested scope and purpose bit at time `at`.
    function isPermitted(bytes32 patient, bytes32 grantee, uint32 scopes, uint32 purposes, uint64 at)
        external view returns (bool)
    {
        uint256[] storage ids = consentIdsOfPair[keccak256(abi.encode(patient, grantee))];
        for (uint256 i = ids.length; i > 0; i--) {
            Consent storage c = consents[ids[i - 1]];
            if (!c.revoked
                && (c.scopes & scopes) == scopes && (c.purposes & purposes) == purposes
                && at >= c.validFrom && (c.validUntil == 0 || at < c.validUntil)) {
                return true;
            }
        }
        return false;
    }

    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, keccak256("MedLedger ConsentRegistry"), keccak256("1"),
            block.chainid, address(this)));
    }

    function _grant(bytes32 patient, bytes32 grantee, uint32 scopes, uint32 purposes, uint64 validFrom,
                    uint64 validUntil, bool patientSigned) private returns (uint256 consentId) {
        require(patient != bytes32(0) && grantee != bytes32(0), "ConsentRegistry: empty patient or grantee");
        require(scopes != 0 && purposes != 0, "ConsentRegistry: empty scope or purpose");
        require(validUntil == 0 || validUntil > validFrom, "ConsentRegistry: period ends before it starts");
        consentId = consents.length;
        consents.push(Consent(patient, grantee, scopes, purposes, validFrom, validUntil, msg.sender, patientSigned,
            false));
        consentIdsOfPair[keccak256(abi.encode(patient, grantee))].push(consentId);
        emit ConsentGranted(consentId, patient, grantee, scopes, purposes, validFrom, validUntil, msg.sender,
            patientSigned);
    }

    function _revoke(uint256 consentId, bool patientSigned) private {
        require(consentId < consents.length, "ConsentRegistry: unknown consent");
        Consent storage c = consents[consentId];
        require(!c.revoked, "ConsentRegistry: already revoked");
        c.revoked = true;
        emit ConsentRevoked(consentId, c.patient, c.grantee, msg.sender, patientSigned);
    }

    function _requirePatientSignature(bytes32 patient, bytes32 digest, bytes calldata signature) private view {
        address key = patientKeyOf[patient];
        require(key != address(0), "ConsentRegistry: no patient key bound");
        require(_recover(digest, signature) == key, "ConsentRegistry: invalid patient signature");
    }

    function _digest(bytes32 structHash) private view returns (bytes32) {
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(), structHash));
    }

    function _recover(bytes32 digest, bytes calldata signature) private pure returns (address) {
        require(signature.length == 65, "ConsentRegistry: malformed signature");
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (v < 27) {
            v += 27;
        }
        require(uint256(s) <= HALF_CURVE_ORDER, "ConsentRegistry: malleable signature");
        require(v == 27 || v == 28, "ConsentRegistry: malformed signature");
        address signer = ecrecover(digest, v, r, s);
        require(signer != address(0), "ConsentRegistry: invalid patient signature");
        return signer;
    }
}
