// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./IMembership.sol";

/// @title RecordAnchor
/// @notice One transaction per batch of record-version hashes: a Merkle root, never the records.
/// Merkle rules (identical to MerkleTree.java): leafNode = keccak256(0x00 ‖ leaf);
/// innerNode(a, b) = keccak256(0x01 ‖ min(a, b) ‖ max(a, b)) (sorted pairs); an odd last node is
/// promoted unchanged; a proof lists sibling nodes bottom-up.
contract RecordAnchor {
    struct Anchor {
        address custodian;
        uint64 blockNumber;
        uint32 leafCount;
    }

    IMembership public immutable registry;

    mapping(bytes32 => Anchor) private anchors;
    mapping(bytes32 => bytes32) private batchRoots;

    event Anchored(bytes32 indexed root, bytes32 indexed batchId, address indexed custodian, uint32 leafCount);
    /// @notice Record locator: the custodian holds records of the patient behind this pseudonym.
    event RecordLocated(bytes32 indexed patientPseudonym, address indexed custodian, bytes32 indexed root);

    constructor(IMembership membership) {
        registry = membership;
    }

    modifier onlyMember() {
        require(registry.isMember(msg.sender), "RecordAnchor: caller is not a consortium member");
        _;
    }

    function anchor(bytes32 root, uint32 leafCount, bytes32 batchId) public onlyMember {
        require(root != bytes32(0), "RecordAnchor: empty root");
        require(leafCount > 0, "RecordAnchor: empty batch");
        require(anchors[root].custodian == address(0), "RecordAnchor: root already anchored");
        require(batchRoots[batchId] == bytes32(0), "RecordAnchor: batch already anchored");
        anchors[root] = Anchor(msg.sender, uint64(block.number), leafCount);
        batchRoots[batchId] = root;
        emit Anchored(root, batchId, msg.sender, leafCount);
    }

    function anchorWithLocators(bytes32 root, uint32 leafCount, bytes32 batchId, bytes32[] calldata patientPseudonyms)
        external
    {
        anchor(root, leafCount, batchId);
        for (uint256 i = 0; i < patientPseudonyms.length; i++) {
            emit RecordLocated(patientPseudonyms[i], msg.sender, root);
        }
    }

    function anchorOf(bytes32 root) external view returns (address custodian, uint64 blockNumber, uint32 leafCount) {
        Anchor storage a = anchors[root];
        return (a.custodian, a.blockNumber, a.leafCount);
    }

    function rootOfBatch(bytes32 batchId) external view returns (bytes32) {
        return batchRoots[batchId];
    }

    function verify(bytes32 leaf, bytes32[] calldata proof, bytes32 root) external pure returns (bool) {
        bytes32 node = keccak256(abi.encodePacked(bytes1(0x00), leaf));
        for (uint256 i = 0; i < proof.length; i++) {
            bytes32 sibling = proof[i];
            node = node < sibling
                ? keccak256(abi.encodePacked(bytes1(0x01), node, sibling))
                : keccak256(abi.encodePacked(bytes1(0x01), sibling, node));
        }
        return node == root;
    }
}
