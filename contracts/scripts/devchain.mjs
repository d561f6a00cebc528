#!/usr/bin/env node
// Starts and stops a Hardhat development node as one detached process.
//
//   node scripts/devchain.mjs start --port N --pidfile FILE [--log FILE]
//   node scripts/devchain.mjs stop --pidfile FILE
//
// `start` returns once the node answers eth_blockNumber (or fails after 60 s);
// `stop` kills it and waits until the port is closed. Used by the build's tests and the run command.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const moduleDir = path.resolve(here, '..');
const [command, ...rest] = process.argv.slice(2);
const opts = {};
for (let i = 0; i < rest.length; i += 2) opts[rest[i].replace(/^--/, '')] = rest[i + 1];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answers(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

async function start() {
  const port = Number(opts.port ?? 8545);
  if (!opts.pidfile) throw new Error('--pidfile is required');
  if (await portOpen(port)) throw new Error(`port ${port} is already in use; stop whatever listens there first`);
  const cli = path.join(moduleDir, 'node_modules', 'hardhat', 'internal', 'cli', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`Hardhat is not installed in ${moduleDir}; run npm ci there`);
  const logFile = opts.log ?? path.join(path.dirname(path.resolve(opts.pidfile)), `hardhat-${port}.log`);
  fs.mkdirSync(path.dirname(path.resolve(logFile)), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [cli, 'node', '--hostname', '127.0.0.1', '--port', String(port)], {
    cwd: moduleDir, detached: true, stdio: ['ignore', log, log],
    env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
  });
  child.unref();
  fs.mkdirSync(path.dirname(path.resolve(opts.pidfile)), { recursive: true });
  fs.writeFileSync(opts.pidfile, String(child.pid));
  const started = Date.now();
  let lastReport = started;
  while (!(await answers(port))) {
    if (!alive(child.pid)) throw new Error(`Hardhat node exited during start-up; see ${logFile}`);
    if (Date.now() - started > 60_000) {
      process.kill(child.pid, 'SIGKILL');
      throw new Error(`Hardhat node did not answer on port ${port} within 60 s; see ${logFile}`);
    }
    if (Date.now() - lastReport > 5_000) {
      console.log(`devchain: waiting for the Hardhat node on 127.0.0.1:${port} ...`);
      lastReport = Date.now();
    }
    await sleep(250);
  }
  console.log(`devchain: Hardhat node ready on 127.0.0.1:${port} (pid ${child.pid}, ${Date.now() - started} ms)`);
}

async function stop() {
  if (!opts.pidfile || !fs.existsSync(opts.pidfile)) {
    console.log('devchain: no pid file, nothing to stop');
    return;
  }
  const pid = Number(fs.readFileSync(opts.pidfile, 'utf8').trim());
  if (alive(pid)) {
    try { process.kill(-pid, 'SIGTERM'); } catch { process.kill(pid, 'SIGTERM'); }
    for (let i = 0; i < 40 && alive(pid); i++) await sleep(250);
    if (alive(pid)) {
      try { process.kill(-pid, 'SIGKILL'); } catch { process.kill(pid, 'SIGKILL'); }
    }
  }
  fs.rmSync(opts.pidfile, { force: true });
  console.log(`devchain: Hardhat node (pid ${pid}) stopped`);
}

try {
  if (command === 'start') await start();
  else if (command === 'stop') await stop();
  else {
    console.error('usage: devchain.mjs start --port N --pidfile FILE [--log FILE] | stop --pidfile FILE');
    process.exit(2);
  }
} catch (e) {
  console.error(`devchain: ${e.message}`);
  process.exit(1);
}
