'use strict';
/**
 * Preloaded (`node -r bench/cpu-probe.js …`) into every measured process: at exit it appends the
 * process's own CPU time (user + system) and peak RSS to the file named by MKE4K_BENCH_PROBE. The
 * same probe runs in both processes of a pair, so its own cost cancels out of the ratio.
 */
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const cpu = process.cpuUsage();
  appendFileSync(process.env.MKE4K_BENCH_PROBE, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
});
