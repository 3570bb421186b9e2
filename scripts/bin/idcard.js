#!/usr/bin/env node
// The idcard command line (compiled from scripts/src, its door index.ts).
'use strict';
require('../dist/index.js').main(process.argv);
