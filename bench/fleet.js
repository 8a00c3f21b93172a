'use strict';
/**
 * Fleet benchmark case in a fresh process: one MKE 4.2 management cluster and N child clusters on
 * AWS with a shared service set; builds the tree and renders every folder. Prints one JSON line
 * (synthMs: wall time; synthCpuMs: the process's CPU time meanwhile, which a busy machine does not inflate as much).
 * Usage: node bench/fleet.js N
 */
const { performance } = require('node:perf_hooks');
const t0 = performance.now();
const lib = require('../build/lib');
const { App } = require('cdk8s');

const children = Number(process.argv[2]);
const t1 = performance.now();
const cpu0 = process.cpuUsage();
const app = new App();
const mgmt = new lib.MkeCluster(app, 'mgmt', {
  name: 'mgmt',
  delivery: 'k0rdent',
  spec: {
    version: 'v4.2.0',
    hosts: [11, 12, 13].map((n) => ({ role: 'controller+worker', ssh: { address: `10.0.0.${n}`, user: 'ubuntu', keyPath: '~/.ssh/k' } })),
    apiServer: { externalAddress: 'mgmt.example.com' },
    k0rdent: { providers: [{ name: 'cluster-api-provider-aws' }] },
    monitoring: { enableCAdvisor: true },
    policyController: { opaGatekeeper: { enabled: true } },
  },
});
const fleet = new lib.Fleet(app, 'fleet', { management: mgmt });
const ingress = fleet.addServiceTemplate('ingress-nginx', { chart: 'ingress-nginx', version: '4.11.0', repository: 'oci://ghcr.io/k0rdent/catalog/charts' });
new lib.AwsCredential(fleet, 'aws', { name: 'aws', identityName: 'aws-cluster-identity' });
for (let i = 0; i < children; i++) {
  fleet.addCluster(`child-${i}`, {
    template: 'aws-standalone-cp-1-0-12', // shipped by kcm 1.3.x (MKE 4.2)
    credential: 'aws',
    labels: { env: i % 2 ? 'prod' : 'staging' },
    config: { region: 'eu-west-1', controlPlaneNumber: 3, workersNumber: 3 },
  });
}
fleet.addServiceSet('prod', { selector: { matchLabels: { env: 'prod' } }, services: [{ template: ingress.templateName, name: 'ingress-nginx', namespace: 'ingress-nginx' }] });
const rendered = lib.renderAll(app);
const t2 = performance.now();
const cpu = process.cpuUsage(cpu0);
const files = rendered.reduce((n, r) => n + r.files.length, 0);
const bytes = rendered.reduce((n, r) => n + r.files.reduce((m, f) => m + f.content.length, 0), 0);
console.log(JSON.stringify({ children, requireMs: t1 - t0, synthMs: t2 - t1, synthCpuMs: (cpu.user + cpu.system) / 1000, folders: rendered.length, files, bytes, rssMb: process.resourceUsage().maxRSS / 1024 }));
