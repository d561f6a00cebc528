#!/usr/bin/env node
// Gives the in-memory Hardhat development chain a memory across restarts.
//
//   node scripts/chain-journal.mjs --listen 8545 --upstream http://127.0.0.1:8546 --journal FILE
//
// A JSON-RPC proxy: every state-changing call that succeeds (signed transactions, dev-chain balance
// and mining calls) is appended to FILE with the timestamp of the block that mined it. On start,
// the journal is replayed into the fresh upstream node, block timestamps included, before the
// proxy accepts connections; the same signed transactions from the same accounts give the same
// contract addresses, transaction hashes and block numbers. Development only: a Besu network
// persists its own state.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const listenPort = Number(args.listen ?? 8545);
const upstream = new URL(args.upstream ?? 'http://127.0.0.1:8546');
const journalFile = args.journal;
if (!journalFile) {
  console.error('chain-journal: --journal FILE is required');
  process.exit(2);
}

const JOURNALED = new Set([
  'eth_sendRawTransaction', 'eth_sendTransaction', 'hardhat_setBalance', 'hardhat_setCode',
  'hardhat_setNonce', 'hardhat_setStorageAt', 'evm_mine', 'hardhat_mine', 'evm_increaseTime',
]);
const MINES_A_BLOCK = new Set(['eth_sendRawTransaction', 'eth_sendTransaction', 'evm_mine']);

let nextId = 1;
async function rpc(method, params) {
  const response = await fetch(upstream, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  const body = await response.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function minedTimestamp(method, result) {
  if (!MINES_A_BLOCK.has(method)) return null;
  const block = await rpc('eth_getBlockByNumber', ['latest', false]);
  return block ? block.timestamp : null;
}

async function replay() {
  if (!fs.existsSync(journalFile)) return 0;
  const lines = fs.readFileSync(journalFile, 'utf8').split('\n').filter(Boolean);
  let replayed = 0;
  for (const line of lines) {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      console.error('chain-journal: ignoring a torn last line of the journal');
      break;
    }
    if (entry.timestamp) {
      await rpc('evm_setNextBlockTimestamp', [entry.timestamp]).catch(() => {});
    }
    try {
      await rpc(entry.method, entry.params);
    } catch (e) {
      console.error(`chain-journal: replay of ${entry.method} failed: ${e.message}`);
    }
    replayed++;
    if (replayed % 200 === 0) console.log(`chain-journal: replayed ${replayed}/${lines.length} ...`);
  }
  return replayed;
}

function journal(entries) {
  if (entries.length === 0) return;
  fs.appendFileSync(journalFile, entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
}

async function handle(request) {
  const response = await fetch(upstream, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = await response.json();
  const calls = Array.isArray(request) ? request : [request];
  const results = Array.isArray(body) ? body : [body];
  const entries = [];
  for (const call of calls) {
    if (!JOURNALED.has(call.method)) continue;
    const result = results.find((r) => r && r.id === call.id);
    if (!result || result.error) continue;
    entries.push({ method: call.method, params: call.params ?? [],
      timestamp: await minedTimestamp(call.method, result.result) });
  }
  journal(entries);
  return body;
}

fs.mkdirSync(path.dirname(path.resolve(journalFile)), { recursive: true });
const count = await replay();
if (count > 0) console.log(`chain-journal: replayed ${count} journaled calls; chain state restored`);

// One request at a time keeps the journal in the order the chain applied the calls.
let queue = Promise.resolve();
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    queue = queue.then(async () => {
      try {
        const body = await handle(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      } catch (e) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: 'upstream chain unavailable' } }));
      }
    });
  });
});
server.listen(listenPort, '127.0.0.1', () => {
  console.log(`chain-journal: listening on 127.0.0.1:${listenPort}, forwarding to ${upstream.href}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
