// The npm packages from scripts/build-npm.sh, installed into a scratch Node project on a PATH without
// .NET, migrate a real database: `npx tidemark migrate` and the JS API. Needs TIDEMARK_TEST_URL
// (scripts/test.sh sets it) and psql to create the databases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = path.join(root, 'artifacts', 'npm');
const serverUrl = process.env.TIDEMARK_TEST_URL;
const quickstart = path.join(root, 'samples', 'quickstart');
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-npm-'));
const noDotnetBin = fs.mkdtempSync(path.join(os.tmpdir(), 'tidemark-npm-bin-'));
const databases = [];

function createDatabase() {
  const name = `tm_npm_${process.pid}_${databases.length}`;
  execFileSync('psql', [serverUrl, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`]);
  databases.push(name);
  const url = new URL(serverUrl);
  url.pathname = '/' + name;
  return url.toString();
}

function scalar(url, sql) {
  return execFileSync('psql', [url, '-Atqc', sql], { encoding: 'utf8' }).trim();
}

// A PATH with node, npm and sh only: no dotnet anywhere on it.
const env = { ...process.env, PATH: noDotnetBin, DOTNET_ROOT: '/nonexistent', NO_COLOR: '1' };
delete env.DATABASE_URL;

before(() => {
  assert.ok(serverUrl, 'TIDEMARK_TEST_URL must name a PostgreSQL server');
  for (const tool of ['node', 'npm', 'npx', 'sh']) {
    fs.symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), path.join(noDotnetBin, tool));
  }
  const tarballs = fs.readdirSync(artifacts).filter((f) => f.endsWith('.tgz')).map((f) => path.join(artifacts, f));
  assert.ok(tarballs.some((t) => path.basename(t).startsWith('tidemark-0') || /^tidemark-\d/.test(path.basename(t))), `no tidemark package in ${artifacts}`);
  assert.ok(tarballs.length >= 2, `expected the tidemark package and a platform package in ${artifacts}`);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { cwd: project, env, stdio: 'pipe' });
});

after(() => {
  for (const name of databases) {
    spawnSync('psql', [serverUrl, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
  }
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(noDotnetBin, { recursive: true, force: true });
});

test('the scratch project has no dotnet on its PATH', () => {
  const r = spawnSync('/bin/sh', ['-c', 'command -v dotnet'], { env });
  assert.notEqual(r.status, 0, 'dotnet is reachable from the test PATH');
});

test('npx tidemark migrate applies a drizzle folder, and a second run takes the fast path', () => {
  const url = createDatabase();
  const first = spawnSync('npx', ['--no-install', 'tidemark', 'migrate', '--dir', quickstart, '--url', url], { cwd: project, env, encoding: 'utf8' });
  assert.equal(first.status, 0, first.stdout + first.stderr);
  assert.match(first.stdout, /0002/);
  assert.equal(scalar(url, 'SELECT count(*) FROM tidemark.history'), '3');
  assert.equal(scalar(url, "SELECT to_regclass('public.users') IS NOT NULL"), 't');

  const second = spawnSync('npx', ['--no-install', 'tidemark', 'migrate', '--dir', quickstart, '--url', url, '--json'], { cwd: project, env, encoding: 'utf8' });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(JSON.parse(second.stdout).fastPath, true);
});

test('npx tidemark passes the exit code through (bad input is 2)', () => {
  const r = spawnSync('npx', ['--no-install', 'tidemark', 'migrate', '--dir', path.join(project, 'missing'), '--url', serverUrl], { cwd: project, env, encoding: 'utf8' });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /missing/);
});

test('await migrate({ dir, url }) returns the JSON result and rejects with the error kind', () => {
  const url = createDatabase();
  const script = `
    import { migrate, status, TidemarkError } from 'tidemark';
    const result = await migrate({ dir: ${JSON.stringify(quickstart)}, url: ${JSON.stringify(url)} });
    const st = await status({ dir: ${JSON.stringify(quickstart)}, url: ${JSON.stringify(url)} });
    let failure;
    try { await migrate({ dir: '/nonexistent/folder', url: ${JSON.stringify(url)} }); } catch (e) { failure = { isError: e instanceof TidemarkError, exitCode: e.exitCode, kind: e.result?.error?.kind }; }
    console.log(JSON.stringify({ ok: result.ok, appliedCount: result.appliedCount, currentVersion: result.currentVersion, applied: st.applied, pending: st.pending, failure }));
  `;
  fs.writeFileSync(path.join(project, 'start.mjs'), script);
  const r = spawnSync('node', ['start.mjs'], { cwd: project, env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout.trim());
  assert.deepEqual(out, { ok: true, appliedCount: 3, currentVersion: '0002', applied: 3, pending: 0, failure: { isError: true, exitCode: 2, kind: 'bad_input' } });
});

test('the TypeScript types ship with the package', () => {
  const types = fs.readFileSync(path.join(project, 'node_modules', 'tidemark', 'index.d.ts'), 'utf8');
  assert.match(types, /export declare function migrate\(options\?: TidemarkOptions\): Promise<MigrateResult>/);
  const pkg = JSON.parse(fs.readFileSync(path.join(project, 'node_modules', 'tidemark', 'package.json'), 'utf8'));
  assert.equal(pkg.types, 'index.d.ts');
  assert.ok(pkg.optionalDependencies['@tidemark/linux-x64'] || Object.keys(pkg.optionalDependencies).length > 0);
});
