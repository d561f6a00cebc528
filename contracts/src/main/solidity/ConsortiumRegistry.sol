// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import "./IMembership.sol";

/// @title ConsortiumRegistry
/// @notice The member hospitals, changed only by a strict majority vote of the members. It also answers
/// Besu's on-chain permissioning calls, so the same list governs who may peer and who may transact.
contract ConsortiumRegistry is IMembership {
    struct Member {
        string name;
        string fhirBaseUrl;
        string[] enodeIds;
        bool active;
    }

    enum ProposalKind { Add, Remove, ChangeNodes }

    struct Proposal {
        ProposalKind kind;
        address account;
        string name;
        string fhirBaseUrl;
        string enodeId;
        string retiredEnodeId;
        uint64 expiresAtBlock;
        uint32 approvals;
        bool executed;
    }

    uint64 public immutable proposalTtlBlocks;
    address[] private memberAccounts;
    mapping(address => Member) private members;
    mapping(bytes32 => bool) private allowedEnodes;
    Proposal[] private proposals;
    mapping(uint256 => address[]) private votersOf;

    event MemberAdded(address indexed account, string name, string fhirBaseUrl);
    event MemberRemoved(address indexed account);
    /// @notice A member's Besu node may now peer (enode id as given; matched case-insensitively).
    event NodeAllowed(address indexed account, string enodeId);
    /// @notice A removed member's or retired Besu node may no longer peer.
    event NodeDisallowed(address indexed account, string enodeId);
    event ProposalCreated(uint256 indexed proposalId, ProposalKind kind, address indexed account,
        address indexed proposer, uint64 expiresAtBlock);
    event Voted(uint256 indexed proposalId, address indexed voter, uint32 approvals, uint32 needed);
    event ProposalExecuted(uint256 indexed proposalId);

    /// @param enodeIds    the founders' Besu node ids (128 hex characters each), any number per founder
    /// @param enodeOwners for each entry of enodeIds, the founder account that runs that node
    constructor(string[] memory names, string[] memory fhirBaseUrls, address[] memory accounts,
                string[] memory enodeIds, address[] memory enodeOwners, uint64 ttlBlocks) {
        require(accounts.length > 0, "ConsortiumRegistry: no founding members");
        require(names.length == accounts.length && fhirBaseUrls.length == accounts.length,
            "ConsortiumRegistry: founder arrays differ in length");
        require(enodeIds.length == enodeOwners.length, "ConsortiumRegistry: enode arrays differ in length");
        require(ttlBlocks > 0, "ConsortiumRegistry: proposal lifetime must be positive");
        proposalTtlBlocks = ttlBlocks;
        for (uint256 i = 0; i < accounts.length; i++) {
            _add(accounts[i], names[i], fhirBaseUrls[i], "");
        }
        for (uint256 i = 0; i < enodeIds.length; i++) {
            require(members[enodeOwners[i]].active, "ConsortiumRegistry: enode owner is not a founder");
            _allowNode(enodeOwners[i], enodeIds[i]);
        }
    }

    modifier onlyMember() {
        require(members[msg.sender].active, "ConsortiumRegistry: caller is not a member");
        _;
    }

    function isMember(address account) external view override returns (bool) {
        return members[account].active;
    }

    function memberCount() public view returns (uint256) {
        return memberAccounts.length;
    }

    function memberAt(uint256 index) external view returns (address account, string memory name,
            string memory fhirBaseUrl, string[] memory enodeIds) {
        account = memberAccounts[index];
        Member storage m = members[account];
        return (account, m.name, m.fhirBaseUrl, m.enodeIds);
    }

    /// @notice A strict majority of the current members.
    function approvalsNeeded() public view returns (uint32) {
        return uint32(memberAccounts.length / 2 + 1);
    }

    function proposeAdd(address account, string calldata name, string calldata fhirBaseUrl,
                        string calldata enodeId) external onlyMember returns (uint256) {
        require(account != address(0), "ConsortiumRegistry: zero account");
        require(!members[account].active, "ConsortiumRegistry: already a member");
        require(bytes(enodeId).length == 0 || !allowedEnodes[keccak256(bytes(_lower(enodeId)))],
            "ConsortiumRegistry: enode already allowed");
        return _propose(ProposalKind.Add, account, name, fhirBaseUrl, enodeId);
    }

    /// @notice Proposes a change to a member's Besu nodes: allow a new node, retire one, or both at once (a node key
    /// rotation). Either id may be empty, not both. Decided by the same majority vote as membership.
    function proposeNodeChange(address account, string calldata newEnodeId, string calldata retiredEnodeId)
        external onlyMember returns (uint256 proposalId)
    {
        require(members[account].active, "ConsortiumRegistry: not a member");
        require(bytes(newEnodeId).length > 0 || bytes(retiredEnodeId).length > 0,
            "ConsortiumRegistry: no node change");
        require(bytes(newEnodeId).length == 0 || !allowedEnodes[keccak256(bytes(_lower(newEnodeId)))],
            "ConsortiumRegistry: enode already allowed");
        require(bytes(retiredEnodeId).length == 0 || _nodeIndex(account, retiredEnodeId) < type(uint256).max,
            "ConsortiumRegistry: not a node of that member");
        proposalId = _propose(ProposalKind.ChangeNodes, account, "", "", newEnodeId);
        proposals[proposalId].retiredEnodeId = retiredEnodeId;
    }

    function proposeRemove(address account) external onlyMember returns (uint256) {
        require(members[account].active, "ConsortiumRegistry: not a member");
        require(memberAccounts.length > 1, "ConsortiumRegistry: cannot remove the last member");
        return _propose(ProposalKind.Remove, account, "", "", "");
    }

    function vote(uint256 proposalId) external onlyMember {
        require(proposalId < proposals.length, "ConsortiumRegistry: unknown proposal");
        Proposal storage p = proposals[proposalId];
        require(!p.executed, "ConsortiumRegistry: proposal already executed");
        require(block.number <= p.expiresAtBlock, "ConsortiumRegistry: proposal expired");
        // Only voters who are still members count: a member removed since voting no longer approves.
        address[] storage voters = votersOf[proposalId];
        uint32 approvals = 1;
        for (uint256 i = 0; i < voters.length; i++) {
            require(voters[i] != msg.sender, "ConsortiumRegistry: already voted");
            if (members[voters[i]].active) {
                approvals++;
            }
        }
        voters.push(msg.sender);
        p.approvals = approvals;
        emit Voted(proposalId, msg.sender, approvals, approvalsNeeded());
        if (approvals >= approvalsNeeded()) {
            p.executed = true;
            if (p.kind == ProposalKind.Add) {
                _add(p.account, p.name, p.fhirBaseUrl, p.enodeId);
            } else if (p.kind == ProposalKind.Remove) {
                require(members[p.account].active, "ConsortiumRegistry: not a member");
                require(memberAccounts.length > 1, "ConsortiumRegistry: cannot remove the last member");
                _remove(p.account);
            } else {
                require(members[p.account].active, "ConsortiumRegistry: not a member");
                if (bytes(p.retiredEnodeId).length > 0) {
                    _retireNode(p.account, p.retiredEnodeId);
                }
                if (bytes(p.enodeId).length > 0) {
                    _allowNode(p.account, p.enodeId);
                }
            }
            emit ProposalExecuted(proposalId);
        }
    }

    function proposalCount() external view returns (uint256) {
        return proposals.length;
    }

    /// @notice Besu node permissioning, contract interface version 2: signature as documented in Besu's
    /// "Onchain permissioning" concept page (besu.hyperledger.org, private-networks/concepts/permissioning/onchain;
    /// Besu is started with --permissions-nodes-contract-version=2). The enode id is the node's public key
    /// in hex (128 characters); host and port are not consulted, a member's node may move.
    function connectionAllowed(string calldata enodeId, string calldata enodeHost, uint16 enodePort)
        external view returns (bool)
    {
        enodeHost;
        enodePort;
        return allowedEnodes[keccak256(bytes(_lower(enodeId)))];
    }

    /// @notice Besu account permissioning (same documentation page): only member accounts may send
    /// transactions, whatever their target, value, gas or payload.
    function transactionAllowed(address sender, address target, uint256 value, uint256 gasPrice,
                                uint256 gasLimit, bytes calldata payload) external view returns (bool)
    {
        target;
        value;
        gasPrice;
        gasLimit;
        payload;
        return members[sender].active;
    }

    function _propose(ProposalKind kind, address account, string memory name, string memory fhirBaseUrl,
                      string memory enodeId) private returns (uint256 proposalId) {
        proposalId = proposals.length;
        uint64 expires = uint64(block.number) + proposalTtlBlocks;
        proposals.push(Proposal(kind, account, name, fhirBaseUrl, enodeId, "", expires, 0, false));
        emit ProposalCreated(proposalId, kind, account, msg.sender, expires);
    }

    function _add(address account, string memory name, string memory fhirBaseUrl, string memory enodeId) private {
        require(account != address(0), "ConsortiumRegistry: zero account");
        require(!members[account].active, "ConsortiumRegistry: already a member");
        Member storage m = members[account];
        m.name = name;
        m.fhirBaseUrl = fhirBaseUrl;
        m.active = true;
        delete m.enodeIds;
        memberAccounts.push(account);
        emit MemberAdded(account, name, fhirBaseUrl);
        if (bytes(enodeId).length > 0) {
            _allowNode(account, enodeId);
        }
    }

    function _allowNode(address account, string memory enodeId) private {
        require(bytes(enodeId).length > 0, "ConsortiumRegistry: empty enode id");
        bytes32 key = keccak256(bytes(_lower(enodeId)));
        require(!allowedEnodes[key], "ConsortiumRegistry: enode already allowed");
        allowedEnodes[key] = true;
        members[account].enodeIds.push(enodeId);
        emit NodeAllowed(account, enodeId);
    }

    /// @return the position of enodeId in the member's node list, or type(uint256).max when it is not there
    function _nodeIndex(address account, string memory enodeId) private view returns (uint256) {
        bytes32 key = keccak256(bytes(_lower(enodeId)));
        string[] storage ids = members[account].enodeIds;
        for (uint256 i = 0; i < ids.length; i++) {
            if (keccak256(bytes(_lower(ids[i]))) == key) {
                return i;
            }
        }
        return type(uint256).max;
    }

    function _retireNode(address account, string memory enodeId) private {
        uint256 index = _nodeIndex(account, enodeId);
        require(index < type(uint256).max, "ConsortiumRegistry: not a node of that member");
        string[] storage ids = members[account].enodeIds;
        string memory retired = ids[index];
        ids[index] = ids[ids.length - 1];
        ids.pop();
        allowedEnodes[keccak256(bytes(_lower(retired)))] = false;
        emit NodeDisallowed(account, retired);
    }

    function _remove(address account) private {
        Member storage m = members[account];
        for (uint256 i = 0; i < m.enodeIds.length; i++) {
            allowedEnodes[keccak256(bytes(_lower(m.enodeIds[i])))] = false;
            emit NodeDisallowed(account, m.enodeIds[i]);
        }
        m.active = false;
        for (uint256 i = 0; i < memberAccounts.length; i++) {
            if (memberAccounts[i] == account) {
                memberAccounts[i] = memberAccounts[memberAccounts.length - 1];
                memberAccounts.pop();
                break;
            }
        }
        emit MemberRemoved(account);
    }

    function _lower(string memory text) private pure returns (string memory) {
        bytes memory b = bytes(text);
        for (uint256 i = 0; i < b.length; i++) {
            if (b[i] >= 0x41 && b[i] <= 0x5A) {
                b[i] = bytes1(uint8(b[i]) + 32);
            }
        }
        return string(b);
    }
}
