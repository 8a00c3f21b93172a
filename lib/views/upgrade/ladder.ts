/**
 * Which MKE 4k releases an upgrade passes through, and which paths are refused. Each rule names its
 * source; what no Mirantis page states is marked `verified: false` and says what it is inferred from.
 *
 * Sources:
 * - MKE 4k docs, "Upgrade an existing MKE 4k cluster" (docs.mirantis.com/mke4k/latest/upgrades/
 *   upgrading-an-mke4k-cluster/): source 4.1.0, 4.1.1, 4.1.2, 4.1.3 → target 4.1.5 with mkectl 4.1.5;
 *   the 4.1.2 edition lists 4.1.0, 4.1.1 → 4.1.2. "As MKE 4.1.0 is built on an alpha version of
 *   k0rdent, upgrading from that MKE 4k release involves a complete reinstallation of MKE 4k and
 *   k0rdent". "You cannot change the registries once a cluster is operational."
 * - MKE 4k 4.1.3 docs (configuration/ingress/gateway-api): "upgrading to MKE 4k 4.1.3 is not
 *   recommended … For version 4.1.3, Mirantis only supports fresh installations."
 * - MKE versioning rules (MKE 3 docs, "Upgrade an MKE installation", supported upgrade paths): patch
 *   versions may be skipped; minor upgrades go from any patch of x.y to any patch of x.y+1; minor
 *   releases cannot be skipped; no downgrades. No MKE 4k page publishes a 4.1 → 4.2 table, so hops
 *   that rest on this rule are marked inferred.
 * - k0sctl refuses to downgrade k0s on a running cluster (k0sctl phase/validate_facts.go:
 *   "can't perform a downgrade").
 */
import { compareReleases, MKE_RELEASES, MkeRelease } from '../../config/releases';

/** One `mkectl upgrade` run. */
export interface UpgradeHop {
  readonly from: MkeRelease;
  readonly to: MkeRelease;
  /** The mkectl release to run the hop with (mkectl is tied to the release it installs). */
  readonly mkectl: MkeRelease;
  /** Whether a Mirantis page lists this exact path. */
  readonly verified: boolean;
  /** Where the path comes from. */
  readonly source: string;
}

/** A path that cannot be taken, with what to do instead. */
export interface BlockedPath {
  readonly reason: string;
  /** The documented (or safest known) procedure, step by step. */
  readonly procedure: readonly string[];
  readonly source: string;
}

export type Ladder = { readonly hops: readonly UpgradeHop[]; readonly blocked?: undefined } | { readonly hops?: undefined; readonly blocked: BlockedPath };

const DOCS_41 = 'MKE 4k docs, Upgrade an existing MKE 4k cluster (upgrade paths table)';
const DOCS_413 = 'MKE 4k 4.1.3 docs, Gateway API ("only supports fresh installations")';
const VERSIONING = 'MKE versioning rules (patch skips allowed, one minor at a time); no MKE 4k page lists this path';

/** Sources the 4.1.5 docs list for a direct upgrade to 4.1.5. */
const TO_415: readonly MkeRelease[] = ['4.1.0', '4.1.1', '4.1.2', '4.1.3'];
/** Sources the 4.1.2 docs list for a direct upgrade to 4.1.2. */
const TO_412: readonly MkeRelease[] = ['4.1.0', '4.1.1'];

function minorOf(release: MkeRelease): string {
  return release.split('.').slice(0, 2).join('.');
}

/** The newest release of a minor line in the catalog. */
function newestOf(minor: string): MkeRelease {
  const line = MKE_RELEASES.filter((r) => minorOf(r) === minor);
  return line[line.length - 1];
}

function hop(from: MkeRelease, to: MkeRelease): UpgradeHop {
  if (to === '4.1.5' && TO_415.includes(from)) return { from, to, mkectl: to, verified: true, source: DOCS_41 };
  if (to === '4.1.2' && TO_412.includes(from)) return { from, to, mkectl: to, verified: true, source: DOCS_41 };
  return { from, to, mkectl: to, verified: false, source: VERSIONING };
}

/** Within one minor line: a direct hop, except that 4.1.3 is never an upgrade target. */
function withinMinor(from: MkeRelease, to: MkeRelease): Ladder {
  if (to === '4.1.3') {
    return {
      blocked: {
        reason: 'MKE 4.1.3 supports fresh installations only; upgrades to it are not supported (Envoy gateway and offline-install issues)',
        procedure: ['upgrade to 4.1.5 instead: mke4k upgrade --to 4.1.5'],
        source: DOCS_413,
      },
    };
  }
  return { hops: [hop(from, to)] };
}

/**
 * The releases an upgrade from `from` to `to` passes through, or why it cannot be done. Within a
 * minor line the upgrade is one hop; across minors it goes to the newest patch of the current line
 * first (the documented target of every 4.1 source), then one minor at a time.
 */
export function upgradeLadder(from: MkeRelease, to: MkeRelease): Ladder {
  const order = compareReleases(to, from);
  if (order === 0) return { hops: [] };
  if (order < 0) {
    return {
      blocked: {
        reason: `MKE ${from} → ${to} is a downgrade: MKE does not support downgrades and k0sctl refuses to downgrade k0s on a running cluster`,
        procedure: [`restore a backup taken on ${to} with the mkectl release that created it (only that mkectl can restore it), or reinstall ${to} and restore workloads`],
        source: 'MKE versioning rules (no downgrades); k0sctl phase/validate_facts.go',
      },
    };
  }
  if (minorOf(from) === '4.0' && minorOf(to) !== '4.0') {
    return {
      blocked: {
        reason: `MKE ${from} → ${to}: 4.1 replaces the 4.0 Blueprint operator with mke-operator and k0rdent; no mkectl upgrade from 4.0 is documented (every 4.1 upgrade table starts at 4.1.0)`,
        procedure: [
          'back up workloads and persistent volumes (Velero or your own tooling) and export anything the 4.0 addons hold',
          `write a fresh ${to} configuration: mke4k init --mke-version ${to} > mke4.yaml, then carry over hosts, apiServer, network CIDRs and services (4.0 Calico extraConfig keys clusterCIDRIPv4/mode/vxlan* become cidrV4/linuxDataplane/loglevel)`,
          `reset the 4.0 cluster (mkectl reset) and install ${to} (mkectl apply -f mke4.yaml)`,
          'restore workloads, then re-apply your GitOps manifests',
        ],
        source: `${DOCS_41} (sources start at 4.1.0)`,
      },
    };
  }
  if (minorOf(from) === minorOf(to)) return withinMinor(from, to);
  const hops: UpgradeHop[] = [];
  let at = from;
  const lastOfLine = newestOf(minorOf(at));
  if (at !== lastOfLine) {
    hops.push(hop(at, lastOfLine));
    at = lastOfLine;
  }
  while (minorOf(at) !== minorOf(to)) {
    const next = MKE_RELEASES.find((r) => compareReleases(r, at) > 0 && minorOf(r) !== minorOf(at));
    if (!next) break;
    const nextMinor = minorOf(next);
    const target = nextMinor === minorOf(to) ? to : newestOf(nextMinor);
    hops.push(hop(at, target));
    at = target;
  }
  return { hops };
}
