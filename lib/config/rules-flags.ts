/**
 * Text that becomes command-line flags on the nodes. k0sctl runs `k0s install` through the node's
 * shell (k0sctl pkg/apis/k0sctl.k0sproject.io/v1beta1/cluster/host.go K0sInstallCommand; values are
 * shell-quoted only since k0sctl v0.19.3, flags.go Join), and k0s splits `--kubelet-extra-args` on
 * whitespace without any quoting (k0s internal/pkg/flags/flags.go Split, strings.Fields). So a
 * space in a kubelet value adds a flag, and `$(…)`, backticks or `;` run on the node with older
 * k0sctl.
 */
import type { RuleFinding } from './rule-finding';
import { URL_CREDENTIALS } from './secrets';
import type { MkeSpec } from './types';

/** A kubelet flag name without the leading `--` (kubelet flags are lower-case words joined by `-`). */
const FLAG_NAME = /^[a-z0-9][a-z0-9-]*$/;
/** Characters a kubelet flag value may not hold: whitespace, controls, quotes, shell syntax. */
// eslint-disable-next-line no-control-regex
const UNSAFE_VALUE = /[\s\u0000-\u001f\u007f-\u009f"'`$\\;&|()]/;
/** Shell syntax never meant in a k0s install flag (`${VAR}` stays: k0sctl expands it from the environment). */
// eslint-disable-next-line no-control-regex
const UNSAFE_INSTALL_FLAG = /[\u0000-\u001f\u007f-\u009f`;&|<>]|\$\(/;

function describe(text: string): string {
  const m = UNSAFE_VALUE.exec(text);
  if (!m) return '';
  const c = m[0];
  return /\s/.test(c) ? 'whitespace' : c.charCodeAt(0) < 32 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f) ? 'a control character' : `"${c}"`;
}

export function flagRules(spec: MkeSpec): RuleFinding[] {
  const out: RuleFinding[] = [];
  const args = spec.kubelet?.extraArgs ?? {};
  for (const key of Object.keys(args)) {
    const path = ['spec', 'kubelet', 'extraArgs', key];
    const name = key.replace(/^--?/, '');
    if (!FLAG_NAME.test(name)) {
      out.push({ code: 'unsafe-flag', severity: 'error', path, message: 'is not a kubelet flag name (lower-case letters, digits and -)', hint: 'one flag per key, e.g. `event-burst: "20"`' });
      continue;
    }
    const value = args[key];
    if (UNSAFE_VALUE.test(value)) {
      out.push({
        code: 'unsafe-flag',
        severity: 'error',
        path,
        message: `the value holds ${describe(value)}: k0s splits --kubelet-extra-args on whitespace and the install command runs in the node's shell`,
        hint: 'one value without spaces, quotes or shell syntax; give each flag its own key',
      });
    }
  }
  spec.hosts.forEach((host, i) => {
    (host.installFlags ?? []).forEach((flag, j) => {
      if (UNSAFE_INSTALL_FLAG.test(flag)) {
        out.push({ code: 'unsafe-flag', severity: 'error', path: ['spec', 'hosts', i, 'installFlags', j], message: 'holds shell syntax (`$(`, a backtick, ;, &, |, <, >) or a control character; k0sctl runs install flags in the node\'s shell', hint: 'give the flag and its value only, e.g. `--debug` or `--labels=a=b`' });
      }
    });
  });
  // URLs that are written as they are (not secret fields): credentials in them would reach Git.
  const urls: [(string | number)[], string | undefined][] = [
    [['spec', 'registries', 'imageRegistry', 'url'], spec.registries?.imageRegistry?.url],
    [['spec', 'registries', 'chartRegistry', 'url'], spec.registries?.chartRegistry?.url],
    ...(spec.addons ?? []).flatMap((a, i): [(string | number)[], string | undefined][] => [
      [['spec', 'addons', i, 'chart', 'repo'], a.chart?.repo],
      [['spec', 'addons', i, 'manifest', 'url'], a.manifest?.url],
    ]),
  ];
  for (const [path, url] of urls) {
    if (url && (URL_CREDENTIALS.test(url) || /:\/\/[^\s/@:]+:[^\s/@]*@/.test(url))) {
      out.push({ code: 'secret-in-url', severity: 'error', path, message: 'the URL holds a user name and password, which would be written to the output as they are', hint: 'drop user:password@ from the URL; registry credentials belong in a Secret (imagePullSecrets, Helm registry login)' });
    }
  }
  return out;
}
