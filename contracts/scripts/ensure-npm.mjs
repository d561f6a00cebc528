#!/usr/bin/env node
// Runs `npm ci` when node_modules is missing or older than package-lock.json; otherwise does nothing.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lock = path.join(moduleDir, 'package-lock.json');
const installed = path.join(moduleDir, 'node_modules', '.package-lock.json');
if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) {
  console.log('[medledger] npm packages are current');
} else {
  console.log('[medledger] installing npm packages (npm ci) ...');
  execSync('npm ci --no-audit --no-fund', { cwd: moduleDir, stdio: 'inherit' });
}
