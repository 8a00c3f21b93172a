// Preloaded into CLI child processes by the e2e tests (`--import ./test/cli-e2e/measure.mjs`):
// at exit, writes the process's own CPU time and peak memory to $MKE4K_MEASURE_FILE. CPU time,
// unlike wall time, does not grow when other jobs share the machine, so a time bound stays meaningful.
import { writeFileSync } from 'node:fs';

const target = process.env.MKE4K_MEASURE_FILE;
if (target) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: usage.maxRSS }));
  });
}
