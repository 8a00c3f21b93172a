/** Runs the example app apps/fleet.ts (as `cdk8s synth` would) into `outdir`, with `mke4k-cdk8s` resolved to lib/. */
export function runFleetExample(outdir: string): void {
  jest.isolateModules(() => {
    jest.doMock('mke4k-cdk8s', () => jest.requireActual('../../lib/index'), { virtual: true });
    const previous = process.env.CDK8S_OUTDIR;
    process.env.CDK8S_OUTDIR = outdir;
    try {
      require('../../apps/fleet');
    } finally {
      if (previous === undefined) delete process.env.CDK8S_OUTDIR;
      else process.env.CDK8S_OUTDIR = previous;
    }
  });
}
