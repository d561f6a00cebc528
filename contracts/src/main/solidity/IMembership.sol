// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @notice What the other consortium contracts ask the registry: is this account a member hospital's?
interface IMembership {
    function isMember(address account) external view returns (bool);
}
