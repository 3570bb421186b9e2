#!/usr/bin/env node
// The idcard command line (compiled from scripts/src/cli.ts).
'use strict';
require('../dist/cli.js').main(process.argv);
