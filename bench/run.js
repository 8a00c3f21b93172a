#!/usr/bin/env node
'use strict';
/**
 * Benchmark (not a test). Per cluster size (every service enabled): load+validate time, synth time,
 * peak RSS, and our whole cold process next to the floor — a cold process that parses the same input
 * with positions and serializes the same output objects with `yaml` alone. Then the CLI's cold start
 * next to `node -e 0`. Needs the compiled build (`npm run build`).
 * Usage: node bench/run.js [--quick]
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, writeFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { generate } = require('./generate');

const quick = process.argv.includes('--quick');
const sizes = quick ? [10, 100, 1000] : [10, 100, 1000, 5000]; // 5,000: the most hosts a cluster may have (MAX_HOSTS)
const root = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'mke4k-bench-'));

function timed(args) {
  const t = performance.now();
  const out = execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { wallMs: performance.now() - t, ...JSON.parse(out.trim().split('\n').pop()) };
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

try {
  const rows = [];
  for (const delivery of ['operator', 'k0rdent']) {
    for (const hosts of sizes) {
      const input = join(dir, `in-${hosts}.yaml`);
      const objects = join(dir, `out-${hosts}-${delivery}.json`);
      writeFileSync(input, generate(hosts));
      const runs = hosts >= 5000 ? 1 : 3;
      const ours = Array.from({ length: runs }, () => timed([join(__dirname, 'case.js'), 'ours', input, objects, delivery]));
      const raw = Array.from({ length: runs }, () => timed([join(__dirname, 'case.js'), 'raw', input, objects]));
      const m = (list, k) => median(list.map((r) => r[k]));
      rows.push({
        delivery,
        hosts,
        'load+validate ms': m(ours, 'loadMs').toFixed(1),
        'synth ms': m(ours, 'synthMs').toFixed(1),
        'process ms': m(ours, 'wallMs').toFixed(0),
        'floor process ms': m(raw, 'wallMs').toFixed(0),
        'ratio (process)': (m(ours, 'wallMs') / m(raw, 'wallMs')).toFixed(2),
        'ratio (work)': ((m(ours, 'loadMs') + m(ours, 'synthMs')) / m(raw, 'workMs')).toFixed(2),
        'µs/host': (((m(ours, 'loadMs') + m(ours, 'synthMs')) * 1000) / hosts).toFixed(0),
        'peak RSS MB': m(ours, 'rssMb').toFixed(0),
        'output KB': (ours[0].bytes / 1024).toFixed(0),
      });
    }
  }
  console.table(rows);

  const fleetRows = [];
  for (const children of quick ? [50, 500] : [50, 500, 2000]) {
    const runs = Array.from({ length: 3 }, () => timed([join(__dirname, 'fleet.js'), String(children)]));
    const m = (k) => median(runs.map((r) => r[k]));
    fleetRows.push({
      'child clusters': children,
      'synth ms': m('synthMs').toFixed(0),
      'process ms': m('wallMs').toFixed(0),
      'ms/child': (m('synthMs') / children).toFixed(2),
      folders: runs[0].folders,
      files: runs[0].files,
      'peak RSS MB': m('rssMb').toFixed(0),
    });
  }
  console.table(fleetRows);

  const example = join(dir, 'example.yaml');
  writeFileSync(example, generate(6));
  const cold = [
    { command: 'node -e 0', ms: timeCommand([process.execPath, '-e', '0']) },
    { command: 'mke4k --help', ms: timeCommand([process.execPath, 'bin/mke4k.js', '--help']) },
    { command: 'mke4k validate (6 hosts)', ms: timeCommand([process.execPath, 'bin/mke4k.js', 'validate', '-f', example]) },
    { command: 'mke4k synth (6 hosts, all services)', ms: timeCommand([process.execPath, 'bin/mke4k.js', 'synth', '-f', example, '-o', join(dir, 'out')]) },
  ];
  console.table(cold.map((c) => ({ command: c.command, 'median ms': c.ms.toFixed(0) })));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
