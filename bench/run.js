#!/usr/bin/env node
'use strict';
/**
 * Benchmark (not a test): per cluster size, load+validate time, synth time, peak RSS, and our total
 * over the raw cost of parsing the same input and serializing the same output with `yaml` alone.
 * Then the CLI's cold start next to `node -e 0`. Needs the compiled build (`npm run build`).
 * Usage: node bench/run.js [--quick]
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { generate } = require('./generate');

const quick = process.argv.includes('--quick');
const sizes = quick ? [10, 100, 1000] : [10, 100, 1000, 10000];
const root = join(__dirname, '..');

function runCase(hosts, delivery) {
  const out = execFileSync(process.execPath, [join(__dirname, 'case.js'), String(hosts), delivery], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(args, runs = 5) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(args[0], args.slice(1), { cwd: root, stdio: 'ignore' });
    times.push(performance.now() - t);
  }
  return median(times);
}

const rows = [];
for (const delivery of ['operator', 'k0rdent']) {
  for (const hosts of sizes) {
    const runs = hosts >= 10000 ? 1 : 3;
    const results = Array.from({ length: runs }, () => runCase(hosts, delivery));
    const pick = (k) => median(results.map((r) => r[k]));
    const load = pick('loadMs');
    const synth = pick('synthMs');
    const raw = pick('rawMs');
    rows.push({
      delivery,
      hosts,
      'load+validate ms': load.toFixed(1),
      'synth ms': synth.toFixed(1),
      'total ms': (load + synth).toFixed(1),
      'raw yaml ms': raw.toFixed(1),
      ratio: ((load + synth) / raw).toFixed(2),
      'µs/host': (((load + synth) * 1000) / hosts).toFixed(0),
      'peak RSS MB': pick('rssMb').toFixed(0),
      'output KB': (results[0].outputBytes / 1024).toFixed(0),
    });
  }
}
console.table(rows);

const dir = mkdtempSync(join(tmpdir(), 'mke4k-bench-'));
try {
  const example = join(dir, 'example.yaml');
  writeFileSync(example, generate(6));
  const cold = [
    { command: 'node -e 0', ms: timeCommand([process.execPath, '-e', '0']) },
    { command: 'mke4k --help', ms: timeCommand([process.execPath, 'bin/mke4k.js', '--help']) },
    { command: 'mke4k validate (6 hosts)', ms: timeCommand([process.execPath, 'bin/mke4k.js', 'validate', '-f', example]) },
    { command: 'mke4k synth (6 hosts)', ms: timeCommand([process.execPath, 'bin/mke4k.js', 'synth', '-f', example, '-o', join(dir, 'out')]) },
  ];
  console.table(cold.map((c) => ({ command: c.command, 'median ms': c.ms.toFixed(0) })));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
