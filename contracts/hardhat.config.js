// The development chain: a Hardhat node with the same EVM fork level the contracts are compiled
// for (evmVersion "shanghai", see scripts/compile.mjs) and that besu-network's genesis enables.
// Compilation is done by scripts/compile.mjs with solc-js, not by Hardhat.
module.exports = {
  networks: {
    hardhat: {
      chainId: 31337,
      hardfork: 'shanghai',
      mining: { auto: true },
      blockGasLimit: 30_000_000,
      allowUnlimitedContractSize: false,
    },
  },
};
