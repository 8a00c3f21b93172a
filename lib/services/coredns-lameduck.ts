/**
 * CoreDNS lameduck (MKE 4k docs, docs.mirantis.com) is not a chart: CoreDNS is k0s-managed and k0s
 * rewrites its Corefile (manual edits are overwritten). mke-operator applies `dns.lameduck`, so in
 * operator mode it is simply part of the MkeConfig; in k0rdent mode there is no owner that could
 * add `health { lameduck <duration> }`, so nothing is emitted and synth warns
 * (`delivery-unsupported`).
 */
import { Construct } from 'constructs';
import type { Diagnostic } from '../config/diagnostics';
import { ServiceRelease, SystemService, SystemServiceProps } from './system-service';

export interface CoreDnsLameduckProps extends SystemServiceProps {
  /**
   * How long CoreDNS keeps answering after it is told to stop. @see mke4.yaml `dns.lameduck.duration`
   * @default '7s'
   */
  readonly duration?: string;
}

/**
 * CoreDNS lameduck (`health { lameduck <duration> }`, https://coredns.io/plugins/health/): CoreDNS
 * keeps answering for `duration` after it is told to stop. CoreDNS is managed by k0s, so only
 * mke-operator can apply it: operator mode writes `dns.lameduck`; k0rdent mode emits nothing and warns.
 *
 * @example
 * new CoreDnsLameduck(cluster, 'lameduck', { duration: '10s' });
 */
export class CoreDnsLameduck extends SystemService {
  readonly props: CoreDnsLameduckProps;

  constructor(scope: Construct, id: string, props: CoreDnsLameduckProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  /** Duration in effect. */
  get duration(): string {
    return this.props.duration ?? '7s';
  }

  toMkeConfig(): Record<string, unknown> {
    return { dns: { lameduck: { enabled: true, ...(this.props.duration ? { duration: this.props.duration } : {}) } } };
  }

  toReleases(): ServiceRelease[] {
    return [];
  }

  k0rdentWarnings(): Diagnostic[] {
    return [
      {
        code: 'delivery-unsupported',
        severity: 'warning',
        path: 'spec.dns.lameduck',
        message: 'CoreDNS lameduck is applied by mke-operator to the k0s-managed Corefile; k0rdent delivery cannot set it',
        hint: 'use --delivery operator, or accept CoreDNS without lameduck',
      },
    ];
  }
}
