/**
 * Issue 11, the audit: k0sctl.yaml read line by line against k0s (v1.31.1 … v1.35.4), k0sctl v0.32.2
 * and rig v2.1.1 as a k0s engineer would. One block per finding; each test fails on the code before
 * its fix (the finding is named in the test title).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCluster } from '../../lib/cluster';
import { structuredDiagnostics } from '../../lib/construct-diagnostics';
import { validateSpec } from '../../lib/config/load';
import { checkBootstrap } from '../../lib/k0s/behaviour-checks';
import { noTaintsNote, windowsProfileNotes } from '../../lib/k0s/bootstrap-notes';
import { controllersNeedNoTaints, filePermHook, mergeInstallFlags } from '../../lib/k0s/hosts';
import type { K0sClusterConfigSpec, K0sctlHost } from '../../lib/k0s/types';
import { derivedAuthPass, derivedVirtualRouterId } from '../../lib/k0s/to-k0s-network';
import { escapeDollarsForK0sctl, toYaml } from '../../lib/output/yaml';
import { clusterFromSpec, host, k0sctlOf, loaded } from './build';
import { clusterConfigCrd, errorsOf, expandPlaceholders, k0sctlFormatSchema } from './schemas';
import { describeShared } from '../corpus';

const hosts3 = [host('controller+worker', '10.0.0.1'), host('controller+worker', '10.0.0.2'), host('controller+worker', '10.0.0.3'), host('worker', '10.0.0.4')];
const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code);
const k0sctlText = (spec: Record<string, unknown>) => renderCluster(clusterFromSpec({ version: 'v4.2.0', hosts: hosts3, ...spec } as never)).files.find((f) => f.path === 'k0sctl.yaml')!.content;

describe('CPLB, MKE 4.2 shape (MKE 4.2 docs: controlPlaneLoadBalancing.virtualIPs / virtualRouterID)', () => {
  const cplb42 = (extra: Record<string, unknown> = {}) => ({
    version: 'v4.2.0',
    hosts: hosts3,
    apiServer: { externalAddress: '192.0.2.100' },
    network: { controlPlaneLoadBalancing: { enabled: true, virtualIPs: ['192.0.2.100/24'], ...extra } },
  });

  test('virtualIPs become one k0s VRRP instance (was: unknown key, and CPLB without any VIP)', () => {
    const r = validateSpec(cplb42(), { name: 't' });
    expect(codes(r.diagnostics)).not.toContain('unknown-key');
    const doc = k0sctlOf(clusterFromSpec(cplb42() as never));
    const cplb = doc.spec.k0s.config.spec.network.controlPlaneLoadBalancing;
    expect(cplb).toEqual({
      enabled: true,
      type: 'Keepalived',
      keepalived: { vrrpInstances: [{ virtualIPs: ['192.0.2.100/24'], authPass: derivedAuthPass(['192.0.2.100/24']), virtualRouterID: 100 }] },
    });
    // k0s v1.35.4 cplb.go: AuthPass must be defined and at most 8 characters; the VIP is in every certificate.
    expect(cplb?.keepalived?.vrrpInstances?.[0].authPass).toMatch(/^[0-9a-f]{8}$/);
    expect(doc.spec.k0s.config.spec.api?.sans).toContain('192.0.2.100');
  });

  test('virtualRouterID: written value kept, else the last octet of the VIP externalAddress names, else of the first; none for IPv6', () => {
    const kept = k0sctlOf(clusterFromSpec(cplb42({ virtualRouterID: 7 }) as never)).spec.k0s.config.spec.network.controlPlaneLoadBalancing;
    expect(kept?.keepalived?.vrrpInstances?.[0].virtualRouterID).toBe(7);
    const { spec } = loaded({ version: 'v4.2.0', hosts: hosts3, apiServer: { externalAddress: '10.0.0.201' } } as never);
    expect(derivedVirtualRouterId(spec, ['10.0.0.200/24', '10.0.0.201/24'])).toBe(201);
    expect(derivedVirtualRouterId(loaded({ version: 'v4.2.0', hosts: hosts3 } as never).spec, ['10.0.0.200/24', '10.0.0.201/24'])).toBe(200);
    expect(derivedVirtualRouterId(spec, ['fd00::10/64'])).toBeUndefined();
    expect(derivedVirtualRouterId(spec, ['10.0.1.0/16'])).toBeUndefined();
  });

  test('enabled without virtualIPs is an error: k0s would run keepalived with no VIP (was: accepted)', () => {
    const r = validateSpec({ version: 'v4.2.0', hosts: hosts3, network: { controlPlaneLoadBalancing: { enabled: true } } }, { name: 't' });
    const d = r.diagnostics.find((x) => x.code === 'cplb-no-vip');
    expect(d?.severity).toBe('error');
    expect(d?.path).toBe('spec.network.controlPlaneLoadBalancing.virtualIPs');
  });

  test('keepalived virtualServers with controller+worker hosts: cplb-virtual-servers (k0s docs/cplb.md), both shapes', () => {
    const vs = { vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: 'pw' }], virtualServers: [{ ipAddress: '10.0.0.100' }] };
    const r42 = validateSpec({ version: 'v4.2.0', hosts: hosts3, network: { controlPlaneLoadBalancing: { enabled: true, keepalived: vs } } }, { name: 't' });
    expect(r42.diagnostics.find((d) => d.code === 'cplb-virtual-servers')).toMatchObject({ severity: 'error', path: 'spec.network.controlPlaneLoadBalancing.keepalived.virtualServers' });
    const r41 = validateSpec({ version: 'v4.1.2', hosts: hosts3, network: { cplb: { disabled: false, controlPlaneLoadBalancing: { enabled: true, keepalived: vs } } } }, { name: 't' });
    expect(codes(r41.diagnostics)).toContain('cplb-virtual-servers');
    const ok = validateSpec({ version: 'v4.1.2', hosts: hosts3, network: { cplb: { disabled: false, controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: vs.vrrpInstances } } } } }, { name: 't' });
    expect(codes(ok.diagnostics)).not.toContain('cplb-virtual-servers');
  });
});

describe('airgap: the k0s binary (k0sctl binary_providers.go: hosts download from GitHub unless uploadBinary)', () => {
  const airgap = { airgap: { enabled: true }, registries: { imageRegistry: { url: 'reg.example.com/mke' }, chartRegistry: { url: 'oci://reg.example.com/mke' } } };

  test('every host gets uploadBinary: true, and the header says where k0sctl takes the binary from (was: hosts download it)', () => {
    const doc = k0sctlOf(clusterFromSpec({ version: 'v4.2.0', hosts: hosts3, ...airgap } as never));
    expect(doc.spec.hosts.map((h) => h.uploadBinary)).toEqual([true, true, true, true]);
    expect(k0sctlFormatSchema()(doc)).toBe(true);
    const text = k0sctlText(airgap);
    expect(text).toContain('<cache>/k0sctl/k0s/<os>/<arch>/k0s-1.35.4+k0s.0');
    // adrg/xdg v0.5.3 paths_darwin.go: on a Mac the cache is ~/Library/Caches (was: only ~/.cache named).
    expect(text).toContain('~/Library/Caches on macOS');
    expect(text).not.toContain('$');
  });

  test('not written without airgap', () => {
    const doc = k0sctlOf(clusterFromSpec({ version: 'v4.2.0', hosts: hosts3 } as never));
    expect(doc.spec.hosts.some((h) => 'uploadBinary' in h)).toBe(false);
    expect(k0sctlText({})).not.toContain('Airgap');
  });
});

describe('--kubelet-extra-args from a host and from kubelet.extraArgs (k0sctl keeps one flag of a name)', () => {
  test('merged into one flag, the host winning by kubelet flag name (was: kubelet.extraArgs dropped on that host)', () => {
    expect(mergeInstallFlags(['--kubelet-extra-args="--max-pods=50 --v=2"'], ['--profile=mke-default-worker', '--kubelet-extra-args="--eviction-hard=memory.available<5% --max-pods=110"'])).toEqual([
      '--kubelet-extra-args="--max-pods=50 --v=2 --eviction-hard=memory.available<5%"',
      '--profile=mke-default-worker',
    ]);
    expect(mergeInstallFlags(['--kubelet-extra-args --v=2'], ['--kubelet-extra-args=--node-labels=a=b'])).toEqual(['--kubelet-extra-args="--v=2 --node-labels=a=b"']);
    // nothing new: the host's flag stays as written
    expect(mergeInstallFlags(['--kubelet-extra-args=--v=2'], ['--kubelet-extra-args=--v=4'])).toEqual(['--kubelet-extra-args=--v=2']);
  });

  test('end to end: the worker runs both', () => {
    const doc = k0sctlOf(
      clusterFromSpec({ version: 'v4.2.0', hosts: [hosts3[0], host('worker', '10.0.0.4', { installFlags: ['--kubelet-extra-args=--v=2'] })], kubelet: { extraArgs: { 'event-burst': '20' } } } as never),
    );
    expect(doc.spec.hosts[1].installFlags).toContain('--kubelet-extra-args="--v=2 --event-burst=20"');
  });
});

describe('inline files keep their mode (k0sctl uploadData never chmods an existing file; rig openExisting truncates)', () => {
  test('controllers with uploads get an apply.before hook that sets each file mode; workers and clusters without uploads none', () => {
    const doc = k0sctlOf(clusterFromSpec({ version: 'v4.2.0', hosts: hosts3, apiServer: { audit: { enabled: true, level: 'Metadata', logPath: '/var/log/mke4/audit/audit.log', policyFile: '/etc/mke4/audit policy.yaml' }, eventRateLimit: { enabled: true } } } as never));
    const c = doc.spec.hosts[0];
    expect(c.hooks?.apply?.before).toEqual([filePermHook(c.files ?? [])]);
    const hook = c.hooks!.apply.before[0];
    for (const f of c.files ?? []) expect(hook).toContain(f.dst.includes(' ') ? `'${f.dst}'` : f.dst);
    expect(hook).toMatch(/^\{ chmod 0644 .*; \} 2>\/dev\/null \|\| if sudo -n true 2>\/dev\/null; then sudo -n sh -c '/);
    expect(doc.spec.hosts[3].hooks).toBeUndefined();
    expect(k0sctlFormatSchema()(doc)).toBe(true);
    expect(errorsOf(k0sctlFormatSchema())).toEqual([]);
    expect(k0sctlOf(clusterFromSpec({ version: 'v4.2.0', hosts: hosts3 } as never)).spec.hosts[0].hooks).toBeUndefined();
  });

  test('filePermHook groups files by mode and quotes odd paths for both shells', () => {
    expect(filePermHook([])).toBeUndefined();
    const q = `'chmod 0644 /etc/a && chmod 0600 '\\''/etc/it'\\''\\'\\'''\\''s'\\'''`;
    expect(filePermHook([{ name: 'a', data: 'x', dst: '/etc/a', perm: '0644' }, { name: 'b', data: 'x', dst: "/etc/it's", perm: '0600' }])).toBe(
      `{ chmod 0644 /etc/a && chmod 0600 '/etc/it'\\''s'; } 2>/dev/null || if sudo -n true 2>/dev/null; then sudo -n sh -c ${q}; else doas -n sh -c ${q}; fi`,
    );
  });

  // rig v2.1.1 sudo/defaultprovider.go: uid 0, else `sudo -n`, else `doas -n` — k0sctl supports doas-only hosts.
  const runHook = (elevator: 'root' | 'sudo' | 'doas') => {
    const dir = mkdtempSync(join(tmpdir(), 'perm-hook-'));
    try {
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      const log = join(dir, 'log');
      // chmod works only "elevated" (or as root); sudo/doas elevate when they are the working one.
      const script = (body: string) => `#!/bin/sh\n${body}\n`;
      writeFileSync(join(bin, 'chmod'), script(`[ "$ELEVATED" = 1 ] || [ "$ROOT" = 1 ] || exit 1\nexec /bin/chmod "$@"`), { mode: 0o755 });
      for (const tool of ['sudo', 'doas']) {
        writeFileSync(join(bin, tool), script(`[ "$OK" = ${tool} ] || { echo "${tool}: not permitted" >&2; exit 1; }\nshift\necho "${tool} $*" >> ${log}\n[ "$1" = true ] && exit 0\nELEVATED=1 exec "$@"`), { mode: 0o755 });
      }
      const files = ['a b', "it's", 'plain'].map((n) => join(dir, n));
      for (const f of files) writeFileSync(f, 'x', { mode: 0o600 });
      const hook = filePermHook([{ name: '1', data: 'x', dst: files[0], perm: '0644' }, { name: '2', data: 'x', dst: files[1], perm: '0640' }, { name: '3', data: 'x', dst: files[2], perm: '0644' }])!;
      const env = { PATH: `${bin}:/usr/bin:/bin`, ...(elevator === 'root' ? { ROOT: '1' } : { OK: elevator }) };
      execFileSync('/bin/sh', ['-c', hook], { env, stdio: 'pipe' });
      return { modes: files.map((f) => (statSync(f).mode & 0o777).toString(8)), log: existsSync(log) ? readFileSync(log, 'utf8') : '' };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  test.each(['root', 'sudo', 'doas'] as const)('the hook sets every mode when the SSH user is %s (was: sudo only, failed on doas hosts)', (elevator) => {
    const { modes, log } = runHook(elevator);
    expect(modes).toEqual(['644', '640', '644']);
    if (elevator === 'root') expect(log).toBe('');
    else expect(log).toMatch(new RegExp(`^${elevator} sh -c chmod`, 'm'));
  });
});

describe('k0sctl expands $ in map keys too (envsubst over the whole file, k0sctl cmd/flags.go)', () => {
  test('a key holding $ is written $$ (was: written as is, k0sctl replaced $HOME)', () => {
    const text = k0sctlText({ apiServer: { extraArgs: { 'feature$HOME': 'a$b' } } });
    expect(text).toContain('feature$$HOME: a$$b');
    expect(toYaml({ 'k$': { '${MKE_X}': 1 } }, { escapeK0sctlDollars: true, quotePlaceholders: true })).toBe('k$$:\n  "${MKE_X}": 1\n');
    expect(escapeDollarsForK0sctl({ 'k$': { '${MKE_X}': 'v$' } })).toEqual({ 'k$$': { '${MKE_X}': 'v$$' } });
  });

  test('no diagnostic for these configs beyond the known warnings', () => {
    const c = clusterFromSpec({ version: 'v4.2.0', hosts: hosts3, apiServer: { extraArgs: { 'feature$HOME': 'x' } } } as never);
    expect(structuredDiagnostics(c).filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('Windows workers and worker profiles (k0s workerconfig/reconciler.go buildConfigMaps: named profiles start from Linux defaults)', () => {
  const win = { role: 'worker', winRM: { address: '10.0.0.9', user: 'Administrator', password: '${MKE_WINRM_PASSWORD}' } };
  const winSpec = { version: 'v4.2.0', hosts: [...hosts3, win], kubelet: { maxPods: 120 } };

  test('no --profile=mke-default-worker on a winRM host (was: written, and the Windows kubelet got cgroupsPerQOS and the Linux pause image)', () => {
    const doc = k0sctlOf(clusterFromSpec(winSpec as never));
    expect(doc.spec.hosts[3].installFlags).toContain('--profile=mke-default-worker');
    expect(doc.spec.hosts[4].installFlags ?? []).not.toContain('--profile=mke-default-worker');
  });

  test('a warning says the kubelet settings do not reach it; none when the host names its own profile', () => {
    const { spec } = loaded(winSpec as never);
    expect(windowsProfileNotes(spec)).toEqual([expect.objectContaining({ code: 'windows-kubelet-profile', severity: 'warning', path: 'spec.hosts[4].winRM' })]);
    expect(windowsProfileNotes(loaded({ ...winSpec, hosts: [...hosts3, { ...win, installFlags: ['--profile=default-windows'] }] } as never).spec)).toEqual([]);
  });
});

describeShared('the audited configs against the upstream k0s CRD of their k0s version', () => {
  const win = { role: 'worker', winRM: { address: '10.0.0.9', user: 'Administrator', password: '${MKE_WINRM_PASSWORD}' } };
  const configs: [string, Record<string, unknown>][] = [
    ['4.2 CPLB virtualIPs', { version: 'v4.2.0', hosts: hosts3, apiServer: { externalAddress: '192.0.2.100' }, network: { controlPlaneLoadBalancing: { enabled: true, virtualIPs: ['192.0.2.100/24'] } } }],
    ['4.2 audit + eventRateLimit + Windows worker', { version: 'v4.2.0', hosts: [...hosts3, win], apiServer: { audit: { enabled: true }, eventRateLimit: { enabled: true } }, kubelet: { maxPods: 120 } }],
    ['4.1.0 airgap', { version: 'v4.1.0', hosts: hosts3, airgap: { enabled: true }, registries: { imageRegistry: { url: 'reg.example.com/mke' }, chartRegistry: { url: 'oci://reg.example.com/mke' } } }],
    ['4.1.2 CPLB + NLLB', { version: 'v4.1.2', hosts: hosts3, network: { nllb: { disabled: false }, cplb: { disabled: false, controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['10.0.0.100/24'], authPass: '${MKE_PW}' }] } } } } }],
  ];
  test.each(configs)('%s', (_name, spec) => {
    const doc = k0sctlOf(clusterFromSpec(spec as never));
    const validate = clusterConfigCrd(doc.spec.k0s.version);
    expect(validate(expandPlaceholders(doc.spec.k0s.config)) ? [] : errorsOf(validate)).toEqual([]);
    expect(k0sctlFormatSchema()(doc) ? [] : errorsOf(k0sctlFormatSchema())).toEqual([]);
  });
});

describe('a node the bootstrap charts tolerate (k0s taints controller+worker nodes; kcm has tolerations: [])', () => {
  test('no worker host: controller+worker hosts get noTaints and a no-taints-added warning (was: every node tainted, kcm Pending)', () => {
    const spec = { version: 'v4.2.0', hosts: [host('controller+worker', '10.0.0.1')] };
    const doc = k0sctlOf(clusterFromSpec(spec as never));
    expect(doc.spec.hosts[0].noTaints).toBe(true);
    expect(noTaintsNote(loaded(spec as never).spec)).toMatchObject({ code: 'no-taints-added', severity: 'warning', path: 'spec.hosts[0].role' });
    expect(controllersNeedNoTaints(loaded({ version: 'v4.2.0', hosts: hosts3 } as never).spec)).toBe(false);
    expect(k0sctlOf(clusterFromSpec({ version: 'v4.2.0', hosts: hosts3 } as never)).spec.hosts.some((h) => h.noTaints)).toBe(false);
    // a Windows worker runs no Linux pod, a worker tainted NoSchedule by --taints none that does not tolerate it
    const win = { role: 'worker', winRM: { address: '10.0.0.9', password: '${MKE_WINRM_PASSWORD}' } };
    expect(controllersNeedNoTaints(loaded({ version: 'v4.2.0', hosts: [hosts3[0], win] } as never).spec)).toBe(true);
    expect(controllersNeedNoTaints(loaded({ version: 'v4.2.0', hosts: [hosts3[0], host('worker', '10.0.0.5', { installFlags: ['--taints=gpu=true:NoSchedule'] })] } as never).spec)).toBe(true);
    expect(controllersNeedNoTaints(loaded({ version: 'v4.2.0', hosts: [hosts3[0], host('worker', '10.0.0.5', { installFlags: ['--taints=gpu=true:PreferNoSchedule'] })] } as never).spec)).toBe(false);
  });

  test('behaviour check no-schedulable-node: a chart without a toleration when every kubelet node is tainted', () => {
    const cfg: K0sClusterConfigSpec = {
      storage: { type: 'etcd' },
      network: { provider: 'custom', podCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12' },
      telemetry: { enabled: false },
      extensions: {
        helm: {
          charts: [
            { name: 'tigera-operator', chartname: 'oci://r/tigera-operator', version: 'v3.31.500', namespace: 'tigera-operator', order: 1 },
            { name: 'kcm', chartname: 'oci://r/k0rdent-enterprise', version: '1.3.2', namespace: 'k0rdent', order: 2 },
            { name: 'ok', chartname: 'oci://r/ok', version: '1.0.0', namespace: 'x', order: 3, values: 'tolerations:\n- operator: Exists\n' },
          ],
        },
      },
    };
    const cw: K0sctlHost = { role: 'controller+worker', ssh: { address: '10.0.0.1' } };
    const found = checkBootstrap([cw], cfg, 'v1.35.4+k0s.0').filter((d) => d.code === 'no-schedulable-node');
    expect(found.map((d) => d.path)).toEqual(['spec.k0s.config.spec.extensions.helm.charts[1]']);
    expect(found[0].message).toContain('node-role.kubernetes.io/control-plane:NoSchedule');
    expect(checkBootstrap([{ ...cw, noTaints: true }], cfg, 'v1.35.4+k0s.0').filter((d) => d.code === 'no-schedulable-node')).toEqual([]);
    expect(checkBootstrap([cw, { role: 'worker', ssh: { address: '10.0.0.2' } }], cfg, 'v1.32.3+k0s.0').filter((d) => d.code === 'no-schedulable-node')).toEqual([]);
    expect(checkBootstrap([{ ...cw, installFlags: ['--no-taints=true'] }], cfg, 'v1.32.3+k0s.0').filter((d) => d.code === 'no-schedulable-node')).toEqual([]);
  });
});

describe('CPLB and apiServer.externalAddress (k0s api.go APIAddressURL: join tokens use externalAddress, else one controller)', () => {
  const withVip = (externalAddress?: string) =>
    validateSpec({ version: 'v4.2.0', hosts: hosts3, ...(externalAddress ? { apiServer: { externalAddress } } : {}), network: { controlPlaneLoadBalancing: { enabled: true, virtualIPs: ['192.0.2.100/24'] } } }, { name: 't' }).diagnostics.filter((d) => d.code === 'cplb-external-address');
  test('warning when unset or an IP that is not a VIP; none for the VIP or a DNS name (was: silent)', () => {
    expect(withVip()).toEqual([expect.objectContaining({ severity: 'warning', path: 'spec.apiServer.externalAddress' })]);
    expect(withVip('192.0.2.11')[0].message).toContain('not one of');
    expect(withVip('192.0.2.100')).toEqual([]);
    expect(withVip('api.example.com')).toEqual([]);
  });

  test('with keepalived virtualServers the kubeconfig is not said to miss the VIP (k0sctl spec.go clusterExternalAddress uses their ipAddress)', () => {
    expect(withVip()[0].message).toContain('workers and the kubeconfig reach');
    const vs = validateSpec({ version: 'v4.2.0', hosts: hosts3.map((h) => ({ ...h, role: h.role === 'controller+worker' ? 'controller' : h.role })), network: { controlPlaneLoadBalancing: { enabled: true, keepalived: { vrrpInstances: [{ virtualIPs: ['192.0.2.100/24'], authPass: 'pw' }], virtualServers: [{ ipAddress: '192.0.2.100' }] } } } }, { name: 't' }).diagnostics.filter((d) => d.code === 'cplb-external-address');
    expect(vs).toEqual([expect.objectContaining({ severity: 'warning' })]);
    expect(vs[0].message).toContain('workers reach the API at one controller');
  });

  // k0s v1.35.4 api.go accepts host:port, but k0sctl v0.32.2 spec.go KubeAPIURL appends api.port to it
  // (kubeconfig server https://192.0.2.100:6443:6443) and k0s v1.32.x api.go Validate refuses it.
  test('a port in externalAddress stays an error on 4.2 too (one finding, not also the VIP warning)', () => {
    const d = validateSpec({ version: 'v4.2.0', hosts: hosts3, apiServer: { externalAddress: '192.0.2.100:6443' }, network: { controlPlaneLoadBalancing: { enabled: true, virtualIPs: ['192.0.2.100/24'] } } }, { name: 't' }).diagnostics;
    expect(d.filter((x) => x.code === 'external-address-port')).toEqual([expect.objectContaining({ severity: 'error', path: 'spec.apiServer.externalAddress' })]);
    expect(d.filter((x) => x.code === 'cplb-external-address')).toEqual([]);
  });
});
