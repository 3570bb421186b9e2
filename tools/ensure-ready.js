#!/usr/bin/env node
// Makes a fresh clone runnable: checks Node, installs npm packages from the
// lockfile when they are missing or stale, compiles the TypeScript and builds
// the browser console (console/build.mjs, served by every gateway at /console/).
// Plain JavaScript with no dependencies, because it runs before `npm ci`.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 10)) {
  console.error(`idcard: Node.js 20.10 or newer is needed, found ${process.version}.`);
  process.exit(1);
}

function run(cmd, args) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`idcard: '${cmd} ${args.join(' ')}' failed (exit ${res.status ?? res.signal}).`);
    process.exit(res.status || 1);
  }
}

const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  console.log('idcard: installing npm packages (npm ci) ...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
run(process.execPath, [join(root, 'console', 'build.mjs')]);
