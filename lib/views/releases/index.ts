/**
 * `mke4k releases`: the MKE releases the catalog supports, with the versions each one installs and
 * how sure we are of each value. k0s, k0rdent (kcm) and mke-operator come from MKE's release matrix
 * (MirantisContainers/mke-release `release-matrix/release-matrix.json`); the CNI chart from the
 * catalog entry, with its own verified flag.
 */
import { MKE_RELEASES, MkeRelease, NEWEST_RELEASE, releaseInfo } from '../../config/releases';

/** A version and whether a public source confirms it for the release. */
export interface VersionFact {
  readonly version: string;
  readonly verified: boolean;
  readonly source: string;
}

export interface ReleaseRow {
  readonly release: MkeRelease;
  /** The release `mke4k init` uses when none is given. */
  readonly newest: boolean;
  readonly k0s: VersionFact;
  /** k0rdent Enterprise (kcm) chart; absent for MKE 4.0 (Blueprint Operator). */
  readonly kcm?: VersionFact;
  readonly mkeOperator?: VersionFact;
  /** Calico through the Tigera operator chart; for 4.0 k0s's built-in Calico. */
  readonly calico: VersionFact;
  /** `k0rdent.mirantis.com` API version emitted for the release. */
  readonly k0rdentApi?: string;
  /** System service charts the catalog knows for the release, and how many of them are verified. */
  readonly charts: { readonly total: number; readonly verified: number };
}

const MATRIX = 'release-matrix.json';

export function releaseRows(): ReleaseRow[] {
  return MKE_RELEASES.map((release) => {
    const info = releaseInfo(release);
    const charts = Object.values(info.charts);
    const calico = info.charts['tigera-operator'];
    return {
      release,
      newest: release === NEWEST_RELEASE,
      k0s: { version: info.k0sVersion, verified: true, source: MATRIX },
      ...(info.kcmVersion ? { kcm: { version: info.kcmVersion, verified: true, source: MATRIX } } : {}),
      ...(info.mkeOperatorChartVersion ? { mkeOperator: { version: info.mkeOperatorChartVersion, verified: true, source: MATRIX } } : {}),
      calico: calico ? { version: calico.version, verified: calico.verified, source: calico.source } : { version: 'k0s built-in', verified: true, source: 'k0s network.provider: calico' },
      ...(info.k0rdentApiVersion ? { k0rdentApi: info.k0rdentApiVersion } : {}),
      charts: { total: charts.length, verified: charts.filter((c) => c?.verified).length },
    };
  });
}

/** `v1.2.3` with a `?` when no public source confirms it; `—` when the release has none. */
function cell(fact: VersionFact | undefined): string {
  if (!fact) return '—';
  return fact.verified ? fact.version : `${fact.version}?`;
}

/** A fixed-width text table, one row per release, and a legend. */
export function formatReleases(rows: readonly ReleaseRow[]): string {
  const header = ['MKE', 'k0s', 'k0rdent (kcm)', 'mke-operator', 'Calico', 'k0rdent API', 'service charts verified'];
  const body = rows.map((r) => [
    r.newest ? `${r.release} (newest)` : r.release,
    cell(r.k0s),
    cell(r.kcm),
    cell(r.mkeOperator),
    cell(r.calico),
    r.k0rdentApi ?? '—',
    r.charts.total ? `${r.charts.verified}/${r.charts.total}` : '—',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [
    line(header),
    ...body.map(line),
    '',
    '`?`: no public source confirms the value for that release (synth warns when it uses one).',
    'MKE 4.0 installs system services with the Blueprint Operator: no k0rdent, no mke-operator.',
    '',
  ].join('\n');
}
