/**
 * Runs the longest suites first so that the two workers finish together. jest does this itself from
 * the timings it cached on an earlier run; a fresh clone (CI) has none and jest falls back to file
 * size, which put the slowest suites (npm pack, the CLI e2e ones) at the end, one worker idle while
 * the other finished them. Without a cached timing a suite's weight is its measured time below
 * (seconds, `CI=true npm test` on a 2-core machine; only the order matters), else a guess from its size.
 */
const { default: Sequencer } = require('@jest/test-sequencer');
const { relative, sep } = require('node:path');

const MEASURED_S = {
  'test/pack/pack.test.ts': 32,
  'test/cli-e2e/hostile-input.test.ts': 25,
  'test/fresh-clone/no-shared.test.ts': 24,
  'test/cli-e2e/views.test.ts': 17,
  'test/cli-e2e/bad-corpus.test.ts': 17,
  'test/control-plane/k0rdent-conformance.test.ts': 15,
  'test/cli/import.test.ts': 14,
  'test/services/values-conformance.test.ts': 13,
  'test/cli/program-isolation.test.ts': 13,
  'test/cli/export.test.ts': 13,
  'test/config/loader-properties.test.ts': 9,
  'test/cli-e2e/cli-io.test.ts': 8,
  'test/properties/synthesis.test.ts': 8,
  'test/cli-e2e/airgap-cli.test.ts': 8,
  'test/cli/diff.test.ts': 5,
  'test/cni/tigera-conformance.test.ts': 5,
  'test/views/airgap-audit.test.ts': 5,
};

class SlowestFirst extends Sequencer {
  sort(tests) {
    const weight = new Map();
    for (const test of tests) {
      const cached = this.time(test);
      const rel = relative(test.context.config.rootDir, test.path).split(sep).join('/');
      // A suite of unknown time: 1 s per 10 kB of source, below every measured one.
      weight.set(test, cached != null ? cached / 1000 : (MEASURED_S[rel] ?? Math.min(5, (test.context.hasteFS.getSize(test.path) ?? 0) / 10_000)));
    }
    return [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      return weight.get(b) - weight.get(a) || (a.path < b.path ? -1 : 1);
    });
  }
}

module.exports = SlowestFirst;
