#!/usr/bin/env node
// Compiles src/main/solidity with solc-js (pinned in package-lock.json): optimizer on and the EVM
// version set explicitly to what Besu runs with the genesis besu-network generates.
//   node scripts/compile.mjs <out-dir> [extra-source-dir...]
// writes <Name>.abi, <Name>.bin, <Name>.json (abi + 0x bytecode) and build-info.json
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const EVM_VERSION = 'shanghai';
const require = createRequire(import.meta.url);
const solc = require('solc');
const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.join(moduleDir, 'src', 'main', 'solidity');
const outDir = path.resolve(process.argv[2] ?? path.join(moduleDir, 'target', 'solidity'));
const extraDirs = process.argv.slice(3).map((d) => path.resolve(d));

const sources = {};
for (const dir of [sourceDir, ...extraDirs]) {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[file] = { content: fs.readFileSync(path.join(dir, file), 'utf8') };
  }
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: EVM_VERSION,
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const findImports = (p) => {
  for (const dir of [sourceDir, ...extraDirs]) {
    const candidate = path.join(dir, p.replace(/^\.\//, ''));
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: `not found: ${p}` };
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
const written = [];
for (const file of Object.keys(output.contracts)) {
  for (const [name, contract] of Object.entries(output.contracts[file])) {
    const bin = contract.evm.bytecode.object;
    if (!bin) continue; // interfaces
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(contract.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), bin);
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify({
      contractName: name, sourceName: file, abi: contract.abi, bytecode: `0x${bin}`,
    }));
    written.push(name);
  }
}
fs.writeFileSync(path.join(outDir, 'build-info.json'), JSON.stringify({
  compiler: solc.version(), evmVersion: EVM_VERSION, optimizer: input.settings.optimizer, contracts: written,
}, null, 2));
console.log(`[medledger] compiled ${written.join(', ')} with solc ${solc.version()} (evmVersion ${EVM_VERSION})`);
