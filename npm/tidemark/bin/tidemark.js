#!/usr/bin/env node
'use strict';
// `npx tidemark …`: runs the native binary with the same arguments, output and exit code (a signal that
// ends the binary ends this process the same way).
const { spawnSync } = require('node:child_process');
const { binaryPath } = require('../binary.js');

let file;
try {
  file = binaryPath();
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}

const result = spawnSync(file, process.argv.slice(2), { stdio: 'inherit' });
if (result.error) {
  process.stderr.write(`tidemark: could not run ${file}: ${result.error.message}\n`);
  process.exit(1);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 1);
