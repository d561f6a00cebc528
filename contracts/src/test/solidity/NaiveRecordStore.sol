// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice The design MedLedger is compared against in the gas report: what typical student EHR
/// contracts do, one transaction per record storing its IPFS hash string in a mapping. Test-only.
contract NaiveRecordStore {
    mapping(string => string) private ipfsHashOf;
    mapping(string => address) private ownerOf;

    event RecordStored(string recordId, string ipfsHash);

    function storeRecord(string calldata recordId, string calldata ipfsHash) external {
        ipfsHashOf[recordId] = ipfsHash;
        ownerOf[recordId] = msg.sender;
        emit RecordStored(recordId, ipfsHash);
    }

    function recordHash(string calldata recordId) external view returns (string memory) {
        return ipfsHashOf[recordId];
    }
}
