#!/usr/bin/env node
'use strict';
/**
 * Benchmark (not a test): every speed target as a CPU-time ratio measured in paired runs on this
 * machine, with min / median / max over the pairs, and PASS/FAIL against the target.
 *
 * - Cold start: `mke4k --help`, `validate` and `synth` of a 6-host cluster with every service, each
 *   paired with `node -e 0`.
 * - Synthesis at 100 / 1,000 / 10,000 hosts (every service, both delivery modes): the whole `mke4k
 *   synth` process paired with the floor, a cold process that parses the same input with positions and
 *   writes the same output objects with `yaml` alone; also the in-process work ratio and peak memory.
 * - Fleets: 2,000 child clusters, in-process synth time.
 *
 * CPU time is each process's own user + system time, reported at exit by bench/cpu-probe.js (preloaded
 * into both sides of a pair). Needs the build (`npm run build`).
 * Usage: node bench/run.js [--quick] [--readme]   (--readme rewrites the table in README.md)
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { generate } = require('./generate');

const quick = process.argv.includes('--quick');
const writeReadme = process.argv.includes('--readme');
const root = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'mke4k-bench-'));
const probeFile = join(dir, 'probe.jsonl');
const NODE = process.execPath;
const PROBE = ['-r', join(__dirname, 'cpu-probe.js')];

/** Runs a node process with the probe; returns its CPU ms, peak RSS MB and stdout. */
function measure(args) {
  rmSync(probeFile, { force: true });
  const stdout = execFileSync(NODE, [...PROBE, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MKE4K_BENCH_PROBE: probeFile } });
  const lines = readFileSync(probeFile, 'utf8').trim().split('\n');
  return { ...JSON.parse(lines[lines.length - 1]), stdout };
}

const stats = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const fmt = (n, d = 2) => n.toFixed(d);

const rows = [];
function pairRow(target, limit, pairs, unit = '×') {
  const ratios = stats(pairs.map(([a, b]) => a / b));
  rows.push({ target, min: fmt(ratios.min), median: fmt(ratios.median), max: fmt(ratios.max), limit: `≤ ${limit}${unit}`, result: ratios.median <= limit ? 'PASS' : 'FAIL', ours: fmt(stats(pairs.map((p) => p[0])).median, 0), base: fmt(stats(pairs.map((p) => p[1])).median, 0) });
}

try {
  // Cold start against `node -e 0`.
  const example = join(dir, 'example.yaml');
  writeFileSync(example, generate(6));
  const bin = join(root, 'bin', 'mke4k.js');
  const n = quick ? 5 : 11;
  const cold = { help: [], validate: [], synth: [] };
  for (let i = 0; i < n; i++) {
    const base = () => measure(['-e', '0']).cpuMs;
    cold.help.push([measure([bin, '--help']).cpuMs, base()]);
    cold.validate.push([measure([bin, 'validate', '-f', example]).cpuMs, base()]);
    cold.synth.push([measure([bin, 'synth', '-f', example, '-o', join(dir, 'cold')]).cpuMs, base()]);
  }
  pairRow('`mke4k --help` / `node -e 0`', 1.5, cold.help);
  pairRow('`mke4k validate` (6 hosts) / `node -e 0`', 2.5, cold.validate);
  pairRow('`mke4k synth` (6 hosts, every service) / `node -e 0`', 3, cold.synth);

  // Synthesis against the YAML floor.
  const sizes = quick ? [100, 1000] : [100, 1000, 10000]; // 10,000: the most hosts a file may have (MAX_HOSTS)
  const detail = [];
  for (const delivery of ['operator', 'k0rdent']) {
    for (const hosts of sizes) {
      const input = join(dir, `in-${hosts}.yaml`);
      if (!existsSync(input)) writeFileSync(input, generate(hosts));
      const objects = join(dir, `objects-${hosts}-${delivery}.json`);
      const work = JSON.parse(measure([join(__dirname, 'case.js'), 'ours', input, objects, delivery]).stdout.trim().split('\n').pop());
      const floorWork = JSON.parse(measure([join(__dirname, 'case.js'), 'raw', input, objects, '-', join(dir, 'floor')]).stdout.trim().split('\n').pop());
      const runs = hosts >= 10000 ? 3 : quick ? 3 : 5;
      const pairs = [];
      const mem = [];
      for (let i = 0; i < runs; i++) {
        const ours = measure([bin, 'synth', '-f', input, '-o', join(dir, 'out'), '--delivery', delivery]);
        const floor = measure([join(__dirname, 'case.js'), 'raw', input, objects, '-', join(dir, 'floor')]);
        pairs.push([ours.cpuMs, floor.cpuMs]);
        mem.push([ours.rssMb, floor.rssMb]);
      }
      pairRow(`synth ${hosts.toLocaleString('en')} hosts, ${delivery} / floor (process CPU)`, hosts >= 1000 ? 1.4 : 2, pairs);
      pairRow(`synth ${hosts.toLocaleString('en')} hosts, ${delivery} / floor (peak RSS)`, 1.3, mem);
      detail.push({ delivery, hosts, 'load+validate ms': fmt(work.loadMs, 0), 'synth ms': fmt(work.synthMs, 0), 'work ratio': fmt((work.loadMs + work.synthMs) / floorWork.workMs), 'µs/host': fmt(((work.loadMs + work.synthMs) * 1000) / hosts, 0), 'output KB': fmt(work.bytes / 1024, 0) });
    }
  }

  // Fleets.
  const fleetRows = [];
  for (const children of quick ? [500] : [500, 2000]) {
    const runs = Array.from({ length: 3 }, () => JSON.parse(measure([join(__dirname, 'fleet.js'), String(children)]).stdout.trim().split('\n').pop()));
    const s = stats(runs.map((r) => r.synthMs));
    const c = stats(runs.map((r) => r.synthCpuMs));
    fleetRows.push({ children, 'synth ms (min/median/max)': `${fmt(s.min, 0)} / ${fmt(s.median, 0)} / ${fmt(s.max, 0)}`, 'synth CPU ms (median)': fmt(c.median, 0), 'ms/child': fmt(s.median / children), files: runs[0].files });
    if (children === 2000) rows.push({ target: 'fleet of 2,000 children, in-process synth (ms)', min: fmt(s.min, 0), median: fmt(s.median, 0), max: fmt(s.max, 0), limit: '≤ 1000 ms', result: s.median <= 1000 ? 'PASS' : 'FAIL', ours: fmt(s.median, 0), base: '' });
  }

  console.table(rows);
  console.table(detail);
  console.table(fleetRows);
  const table = [
    '| target | min | median | max | limit | result |',
    '|---|---:|---:|---:|---:|---|',
    ...rows.map((r) => `| ${r.target} | ${r.min} | ${r.median} | ${r.max} | ${r.limit} | ${r.result} |`),
  ].join('\n');
  if (writeReadme) {
    const readme = join(root, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const start = '<!-- bench:start -->';
    const end = '<!-- bench:end -->';
    if (!text.includes(start) || !text.includes(end)) throw new Error('README.md has no bench markers');
    const stamp = `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${require('node:os').cpus().length} cores; ratios of CPU time in paired runs.`;
    writeFileSync(readme, text.slice(0, text.indexOf(start) + start.length) + `\n${stamp}\n\n${table}\n` + text.slice(text.indexOf(end)));
    console.log('README.md benchmark table rewritten');
  } else {
    console.log(table);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
