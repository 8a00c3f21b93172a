/**
 * ingress-nginx (MKE 4k docs, docs.mirantis.com). Default on through 4.1.2; from 4.1.3 fresh installs
 * use the Envoy gateway instead. The Helm values mapping is inferred from the upstream chart layout.
 */
import { Construct } from 'constructs';
import type { Prerequisite } from '../prerequisites';
import type { MkeSpec } from '../config/types';
import { compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';

type IngressSection = NonNullable<MkeSpec['ingressController']>;

export interface IngressNginxProps extends SystemServiceProps {
  /**
   * Controller replicas. @see mke4.yaml `ingressController.replicaCount`
   * @default - the chart's default (1)
   */
  readonly replicaCount?: number;
  /**
   * Expose the controller with a LoadBalancer Service instead of NodePort.
   * @see mke4.yaml `ingressController.enableLoadBalancer`
   * @default false
   */
  readonly enableLoadBalancer?: boolean;
  /**
   * Keep client source addresses (`externalTrafficPolicy: Local`).
   * @see mke4.yaml `ingressController.preserveClientIP`
   * @default false
   */
  readonly preserveClientIP?: boolean;
  /**
   * Turn the plain-HTTP port off. @see mke4.yaml `ingressController.disableHttp`
   * @default false
   */
  readonly disableHttp?: boolean;
  /**
   * Extra external IPs of the controller Service. @see mke4.yaml `ingressController.externalIPs`
   * @default - none
   */
  readonly externalIPs?: readonly string[];
  /**
   * Pod affinity. @see mke4.yaml `ingressController.affinity`
   * @default - none
   */
  readonly affinity?: IngressSection['affinity'];
  /**
   * Pod tolerations. @see mke4.yaml `ingressController.tolerations`
   * @default - none
   */
  readonly tolerations?: IngressSection['tolerations'];
  /**
   * Container ports, SSL passthrough and default certificate.
   * @see mke4.yaml `ingressController.extraArgs`
   * @default - chart defaults (80/443, no passthrough, no default certificate)
   */
  readonly extraArgs?: IngressSection['extraArgs'];
  /**
   * NodePorts of the Service (`http`, `https`, and per-port `tcp`/`udp`).
   * @see mke4.yaml `ingressController.nodePorts`
   * @default - allocated by Kubernetes
   */
  readonly nodePorts?: IngressSection['nodePorts'];
  /**
   * Service ports. @see mke4.yaml `ingressController.ports`
   * @default - 80 / 443
   */
  readonly ports?: IngressSection['ports'];
  /**
   * ingress-nginx ConfigMap options (`controller.config`). @see mke4.yaml `ingressController.configMap`
   * @default - none
   */
  readonly configMap?: IngressSection['configMap'];
  /**
   * TCP services, port → `namespace/service:port`. @see mke4.yaml `ingressController.tcpServices`
   * @default - none
   */
  readonly tcpServices?: IngressSection['tcpServices'];
  /**
   * UDP services, port → `namespace/service:port`. @see mke4.yaml `ingressController.udpServices`
   * @default - none
   */
  readonly udpServices?: IngressSection['udpServices'];
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value && Object.keys(value).length ? value : undefined;
}

/**
 * mke4.yaml `ingressController` → ingress-nginx chart values, field by field [inf]:
 * replicaCount → controller.replicaCount; enableLoadBalancer → controller.service.type;
 * nodePorts → controller.service.nodePorts; ports → controller.service.ports;
 * extraArgs.httpPort/httpsPort → controller.containerPort and the `--http-port`/`--https-port` flags
 * (controller.extraArgs); extraArgs.enableSslPassthrough /
 * defaultSslCertificate → controller.extraArgs; preserveClientIP → externalTrafficPolicy Local;
 * externalIPs → controller.service.externalIPs; affinity/tolerations → controller.*;
 * configMap → controller.config; tcpServices/udpServices → top-level tcp/udp;
 * disableHttp → controller.service.enableHttp false.
 */
export function ingressNginxValues(p: IngressNginxProps): Record<string, unknown> {
  const args = p.extraArgs ?? {};
  const nodePorts = p.nodePorts ?? {};
  const ports = p.ports ?? {};
  return compact({
    controller: {
      replicaCount: p.replicaCount,
      containerPort: nonEmpty(compact({ http: args.httpPort, https: args.httpsPort })),
      // `containerPort` only names the pod's ports; the controller listens where `--http-port` /
      // `--https-port` say (default 80/443, ingress-nginx pkg/flags/flags.go), and the chart turns
      // only `controller.extraArgs` into flags (charts/ingress-nginx/templates/_params.tpl).
      extraArgs: nonEmpty(
        compact({
          'http-port': args.httpPort !== undefined ? String(args.httpPort) : undefined,
          'https-port': args.httpsPort !== undefined ? String(args.httpsPort) : undefined,
          'enable-ssl-passthrough': args.enableSslPassthrough ? 'true' : undefined,
          'default-ssl-certificate': args.defaultSslCertificate,
        }),
      ),
      affinity: pruneEmpty(plain(p.affinity)),
      tolerations: p.tolerations?.length ? plain(p.tolerations) : undefined,
      config: nonEmpty(plain(p.configMap) as Record<string, string> | undefined),
      service: {
        type: p.enableLoadBalancer ? 'LoadBalancer' : 'NodePort',
        enableHttp: p.disableHttp ? false : undefined,
        externalTrafficPolicy: p.preserveClientIP ? 'Local' : undefined,
        externalIPs: p.externalIPs?.length ? [...p.externalIPs] : undefined,
        ports: nonEmpty(compact({ http: ports.http, https: ports.https })),
        nodePorts: nonEmpty(
          compact({
            http: nodePorts.http,
            https: nodePorts.https,
            tcp: nonEmpty(plain(nodePorts.tcp) as Record<string, unknown> | undefined),
            udp: nonEmpty(plain(nodePorts.udp) as Record<string, unknown> | undefined),
          }),
        ),
      },
    },
    tcp: nonEmpty(plain(p.tcpServices) as Record<string, string> | undefined),
    udp: nonEmpty(plain(p.udpServices) as Record<string, string> | undefined),
  });
}

/** `{nodeAffinity: {}}` (what init prints) means "no affinity": drop empty members. */
function pruneEmpty(value: unknown): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v && typeof v === 'object' && Object.keys(v).length === 0) continue;
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * ingress-nginx (https://kubernetes.github.io/ingress-nginx): MKE's ingress controller up to 4.1.2
 * (from 4.1.3 new clusters use Envoy Gateway).
 *
 * @example
 * new IngressNginx(cluster, 'ingress', { replicaCount: 2, nodePorts: { http: 33000, https: 33001 } });
 */
export class IngressNginx extends SystemService {
  readonly props: IngressNginxProps;

  constructor(scope: Construct, id: string, props: IngressNginxProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    const p = this.props;
    return {
      ingressController: compact({
        enabled: true,
        replicaCount: p.replicaCount,
        enableLoadBalancer: p.enableLoadBalancer,
        preserveClientIP: p.preserveClientIP,
        disableHttp: p.disableHttp,
        externalIPs: plain(p.externalIPs),
        affinity: plain(p.affinity),
        tolerations: plain(p.tolerations),
        extraArgs: plain(p.extraArgs),
        nodePorts: plain(p.nodePorts),
        ports: plain(p.ports),
        configMap: plain(p.configMap),
        tcpServices: plain(p.tcpServices),
        udpServices: plain(p.udpServices),
      }),
    };
  }

  toReleases(): ServiceRelease[] {
    // Docs conflict on the namespace (mke-services §3 row 4); the drift-detection example uses
    // `ingress-nginx`, so that is the default.
    return [{ name: 'ingress-nginx', namespace: this.namespaceOr('ingress-nginx'), chart: this.chartFor('ingress-nginx'), values: this.withExtraValues(ingressNginxValues(this.props)), dependsOn: [] }];
  }

  /** The default TLS certificate Secret `--default-ssl-certificate` names (`<namespace>/<name>`), which the user creates. */
  prerequisites(): Prerequisite[] {
    const ref = this.props.extraArgs?.defaultSslCertificate;
    const slash = typeof ref === 'string' ? ref.indexOf('/') : -1;
    if (typeof ref !== 'string' || slash <= 0) return [];
    const namespace = ref.slice(0, slash);
    const name = ref.slice(slash + 1);
    return [
      {
        kind: 'Secret',
        namespace,
        name,
        why: 'ingress-nginx --default-ssl-certificate (ingressController.extraArgs.defaultSslCertificate)',
        how: `kubectl -n ${namespace} create secret tls ${name} --cert=<certificate> --key=<its key>`,
      },
    ];
  }
}
