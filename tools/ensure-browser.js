#!/usr/bin/env node
// Makes sure the console's browser tests have a browser: Debian's Chromium
// (package `chromium`, /usr/bin/chromium) and CJK fonts (package
// `fonts-noto-cjk`, so Chinese pages render as text, not boxes). Installs
// them with apt-get when they are missing and this runs as root on a machine
// with apt-get; otherwise says why not and exits 1 (the browser suites are
// then NOT RUN). Playwright's own browser download is not used: it needs
// hosts this kind of machine cannot reach. Plain JavaScript, no dependencies.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const chromium = process.env.IDCARD_CHROMIUM ?? '/usr/bin/chromium';
const fontsDir = '/usr/share/fonts/opentype/noto';

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function missingPackages() {
  const missing = [];
  if (!existsSync(chromium)) missing.push('chromium');
  if (!existsSync(fontsDir)) missing.push('fonts-noto-cjk');
  return missing;
}

function install(packages) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return `not root, cannot install ${packages.join(', ')} (install them: apt-get install ${packages.join(' ')})`;
  if (!hasCommand('apt-get')) return `no apt-get to install ${packages.join(', ')}`;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`idcard: installing ${packages.join(', ')} from Debian (apt-get) ...`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return `apt-get update failed (exit ${update.status})`;
  const res = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
  return res.status === 0 ? undefined : `apt-get install ${packages.join(' ')} failed (exit ${res.status})`;
}

const missing = missingPackages();
const problem = missing.length === 0 ? undefined : install(missing);
if (problem !== undefined || missingPackages().includes('chromium')) {
  console.log(`idcard: no browser for the console tests: ${problem ?? `${chromium} still missing`}`);
  process.exit(1);
}
const version = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
console.log(`idcard: browser ${chromium}: ${(version.stdout || '').trim() || 'version unknown'}`);
