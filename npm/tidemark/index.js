'use strict';
// A tiny API over the native binary: each call spawns `tidemark <command> --json` and returns its JSON.
const { spawn } = require('node:child_process');
const { binaryPath } = require('./binary.js');

class TidemarkError extends Error {
  constructor(message, exitCode, result, stderr) {
    super(message);
    this.name = 'TidemarkError';
    this.exitCode = exitCode;
    this.result = result;
    this.stderr = stderr;
  }
}

function optionArgs(options) {
  const args = [];
  if (options.dir) args.push('--dir', options.dir);
  if (options.url) args.push('--url', options.url);
  if (options.layout) args.push('--layout', options.layout);
  if (options.schema) args.push('--schema', options.schema);
  if (options.shadowUrl) args.push('--shadow-url', options.shadowUrl);
  if (options.drift) args.push('--drift', options.drift);
  if (options.allowOutOfOrder) args.push('--allow-out-of-order');
  if (options.noAdopt) args.push('--no-adopt');
  for (const table of options.ignoreTables ?? []) args.push('--ignore-table', table);
  return args;
}

function run(command, options = {}) {
  const args = [...(Array.isArray(command) ? command : [command]), ...optionArgs(options), '--json', '--no-color'];
  const env = { ...process.env, ...(options.env ?? {}) };
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(binaryPath(), args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal });
    } catch (err) {
      reject(err);
      return;
    }
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      let result;
      try {
        result = JSON.parse(stdout);
      } catch {
        reject(new TidemarkError(`tidemark ${args[0]} exited with ${code} without JSON output: ${stderr.trim() || stdout.trim()}`, code, undefined, stderr));
        return;
      }
      if (code === 0 && result.ok !== false) {
        resolve(result);
      } else {
        const message = result.error?.message ?? `tidemark ${args[0]} failed (exit ${code})`;
        reject(new TidemarkError(message, code, result, stderr));
      }
    });
  });
}

/** Applies pending migrations; resolves with `tidemark migrate --json`, rejects with a TidemarkError. */
const migrate = (options) => run('migrate', options);
/** Read-only: applied, pending and problems (`tidemark status --json`). */
const status = (options) => run('status', options);
/** What migrate would do (`tidemark plan --json`). */
const plan = (options) => run('plan', options);

module.exports = { migrate, status, plan, run, TidemarkError };
