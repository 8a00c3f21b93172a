/**
 * Rules for what k0sctl.yaml must set up on the hosts before k0s starts: the audit log directory and
 * the audit policy file. How they are set up is explained in lib/k0s/hosts.ts (`controllerFiles`).
 */
import { posix } from 'node:path';
import { dataDir } from './accessors';
import type { RuleFinding } from './rule-finding';
import type { MkeSpec } from './types';

/**
 * Directories other software shares. k0sctl sets the mode of the directory it uploads into on every
 * apply (k0sctl phase/uploadfiles.go `ensureDir`), so the audit log directory — made root:root 0770
 * for kube-apiserver — must be a directory of its own, never one of these.
 */
export const SHARED_SYSTEM_DIRS: ReadonlySet<string> = new Set(['/', '/etc', '/var', '/var/log', '/var/lib', '/usr', '/opt', '/home', '/run', '/srv', '/tmp', '/var/tmp', '/root', '/dev/shm', '/boot', '/mnt']);

const AUDIT = ['spec', 'apiServer', 'audit'];

/** Audit logging: absolute paths, and a log directory k0sctl may make kube-apiserver's. */
export function auditRules(spec: MkeSpec): RuleFinding[] {
  const audit = spec.apiServer?.audit;
  if (!audit?.enabled) return [];
  const out: RuleFinding[] = [];
  if (audit.policyFile !== undefined && !posix.isAbsolute(audit.policyFile)) {
    out.push({ code: 'audit-log-dir', severity: 'error', path: [...AUDIT, 'policyFile'], message: `audit.policyFile must be an absolute path on the controllers (got ${JSON.stringify(audit.policyFile)})`, hint: 'e.g. /etc/audit_policy.yaml' });
  }
  const logPath = audit.logPath;
  if (logPath === undefined || logPath === '-') return out;
  if (!posix.isAbsolute(logPath)) {
    out.push({ code: 'audit-log-dir', severity: 'error', path: [...AUDIT, 'logPath'], message: `audit.logPath must be an absolute path on the controllers (got ${JSON.stringify(logPath)})`, hint: 'e.g. /var/log/mke4/audit/audit.log' });
    return out;
  }
  const dir = posix.dirname(posix.normalize(logPath));
  const data = dataDir(spec);
  const sharedWithK0s = dir === data || data.startsWith(`${dir}/`);
  if (SHARED_SYSTEM_DIRS.has(dir) || sharedWithK0s) {
    out.push({
      code: 'audit-log-dir',
      severity: 'error',
      path: [...AUDIT, 'logPath'],
      message:
        `kube-apiserver cannot write its audit log to ${dir}: k0s runs it as the user kube-apiserver (group root), which may not create files there, ` +
        `and k0sctl.yaml makes the log directory root:root 0770 for it — not safe for ${dir}, which ${sharedWithK0s ? "holds k0s' data directory" : 'other software uses'}`,
      hint: 'put the log in a directory of its own, e.g. logPath: /var/log/mke4/audit/audit.log',
    });
  }
  return out;
}
