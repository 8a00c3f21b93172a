#!/usr/bin/env node
'use strict';
/*
 * `npm test` after the build: the strict type-check and jest side by side. tsc runs on one core and
 * jest's two workers leave cores idle while they start and finish, so together they end sooner than one
 * after the other. tsc's output is printed after jest's; the run fails when either fails. Arguments go
 * to jest (`npm test -- -t name`).
 */
const { spawn } = require('node:child_process');

const run = (args, stdio) => spawn(process.execPath, args, { stdio });
const exited = (child) => new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

const tsc = run([require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], ['ignore', 'pipe', 'pipe']);
let typecheck = '';
tsc.stdout.on('data', (d) => (typecheck += d));
tsc.stderr.on('data', (d) => (typecheck += d));
const jest = run([require.resolve('jest/bin/jest'), ...process.argv.slice(2)], 'inherit');

Promise.all([exited(jest), exited(tsc)]).then(([jestCode, tscCode]) => {
  if (typecheck) process.stdout.write(typecheck);
  process.stdout.write(tscCode === 0 ? 'typecheck (tsc -p tsconfig.json --noEmit): passed\n' : `typecheck (tsc -p tsconfig.json --noEmit): failed (exit ${tscCode})\n`);
  process.exitCode = jestCode || tscCode;
});
