/** Shared helpers for the loader tests: a small valid document and positions of text in it. */
import { Diagnostic } from '../../lib/config/diagnostics';
import { loadMkeConfig, LoadResult } from '../../lib/config/load';

/** A minimal valid MKE 4.2.0 file; tests derive bad inputs from it with `replace`. */
export const BASE = `apiVersion: mke.mirantis.com/v1alpha1
kind: MkeConfig
metadata:
  name: mke
  namespace: mke
spec:
  version: v4.2.0
  hosts:
    - role: controller+worker
      ssh:
        address: 10.0.0.1
        user: root
        port: 22
        keyPath: ~/.ssh/id_rsa
  network:
    serviceCIDR: 10.96.0.0/16
    nodePortRange: 32768-35535
    providers:
      - provider: calico
        enabled: true
        extraConfig:
          cidrV4: 192.168.0.0/16
      - provider: custom
        enabled: false
    kubeProxy:
      mode: iptables
`;

/** `old` must occur in `text`: a test whose replacement silently does nothing tests nothing. */
export function edit(text: string, old: string | RegExp, replacement: string): string {
  const out = text.replace(old, replacement);
  if (out === text) throw new Error(`edit: ${String(old)} not found`);
  return out;
}

/** Sets the MKE version of BASE-derived text. */
export function version(text: string, v: string): string {
  return edit(text, 'version: v4.2.0', `version: v${v}`);
}

/** Inserts lines under `spec:` before `network:` (new top-level spec sections). */
export function addSection(text: string, yaml: string): string {
  return edit(text, '  network:\n', `${yaml}  network:\n`);
}

/** Inserts lines right under `network:`. */
export function addNetwork(text: string, yaml: string): string {
  return edit(text, '  network:\n', `  network:\n${yaml}`);
}

/** One host entry (ssh) in the `spec.hosts` list; `extra` are more lines of the entry. */
export function host(role: string, address: string, extra = ''): string {
  return `    - role: ${role}\n      ssh:\n        address: ${address}\n        keyPath: ~/.ssh/id_rsa\n${extra}`;
}

/** BASE with its host list replaced. */
export function withHosts(hosts: string, text = BASE): string {
  return edit(text, /  hosts:\n[\s\S]*?(?=  network:)/, `  hosts:\n${hosts}`);
}

/** 1-based line:col of the `nth` (0-based) occurrence of `needle` in `text`. */
export function pos(text: string, needle: string, nth = 0): { line: number; col: number } {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`pos: ${JSON.stringify(needle)} #${nth} not in text`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, col: index - (before.lastIndexOf('\n') + 1) + 1 };
}

export function load(text: string, strict = false): LoadResult {
  return loadMkeConfig(text, { file: 'bad.yaml', strict });
}

/** The diagnostics of a code (there must be at least one). */
export function find(result: LoadResult, code: string): Diagnostic[] {
  const found = result.diagnostics.filter((d) => d.code === code);
  if (!found.length) throw new Error(`no ${code} diagnostic; got ${JSON.stringify(result.diagnostics, null, 1)}`);
  return found;
}
