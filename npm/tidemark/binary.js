'use strict';
// Finds the native tidemark binary: $TIDEMARK_BINARY, else the per-platform package npm installed
// from optionalDependencies (@tidemark/<platform>-<arch>, like esbuild and biome do).
const path = require('node:path');
const fs = require('node:fs');

const platforms = {
  'linux-x64': '@tidemark/linux-x64',
  'linux-arm64': '@tidemark/linux-arm64',
  'darwin-arm64': '@tidemark/darwin-arm64',
  'win32-x64': '@tidemark/win32-x64',
};

function binaryPath() {
  if (process.env.TIDEMARK_BINARY) {
    return process.env.TIDEMARK_BINARY;
  }
  const key = `${process.platform}-${process.arch}`;
  const pkg = platforms[key];
  if (!pkg) {
    throw new Error(`tidemark: no native binary for ${key} (built for ${Object.keys(platforms).join(', ')}); set TIDEMARK_BINARY to a tidemark binary`);
  }
  const exe = process.platform === 'win32' ? 'tidemark.exe' : 'tidemark';
  let dir;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(`tidemark: the package ${pkg} is not installed; reinstall without --no-optional / --omit=optional so npm adds the binary for ${key}`);
  }
  const file = path.join(dir, 'bin', exe);
  if (!fs.existsSync(file)) {
    throw new Error(`tidemark: ${file} is missing from ${pkg}; reinstall it`);
  }
  return file;
}

module.exports = { binaryPath, platforms };
