/**
 * Envoy Gateway and the MKE gateway ingress (4.1.3+, MKE 4k docs): the `gateway-helm`
 * chart, always installed, plus — in k0rdent mode, where no mke-operator creates them — the
 * GatewayClass, EnvoyProxy and Gateway that expose MKE on the `gatewayMKEIngress` node ports.
 * Object names and value keys are inferred (third-party notes call the class `mke-gateway-ingress`).
 */
import { Construct } from 'constructs';
import { mirroredReference } from '../config/image-rewrite';
import type { MkeSpec } from '../config/types';
import type { Prerequisite } from '../prerequisites';
import { compact, plain, ServiceRelease, SystemService, SystemServiceProps } from './system-service';
import { TolerationValue, withK0sControllerTolerations } from './tolerations';
import { ENVOY_GATEWAY_IMAGE_TABLE } from './envoy-gateway-images.generated';

type EnvoySection = NonNullable<MkeSpec['envoyGateway']>;
type GatewaySection = NonNullable<MkeSpec['gatewayMKEIngress']>;

/** Name of the GatewayClass, EnvoyProxy and Gateway of the MKE ingress [inf]. */
export const MKE_GATEWAY_NAME = 'mke-gateway-ingress';

export interface EnvoyGatewayProps extends SystemServiceProps {
  /**
   * Envoy Gateway controller replicas. @see mke4.yaml `envoyGateway.replicaCount`
   * @default - `controllerCount`
   */
  readonly replicaCount?: number;
  /**
   * Number of controller nodes: the replica count when `replicaCount` is unset (MKE docs).
   * @default 1
   */
  readonly controllerCount?: number;
  /**
   * Extra node selector, merged with `kubernetes.io/os: linux` and the control-plane role.
   * @see mke4.yaml `envoyGateway.nodeSelector`
   * @default - only the fixed selector
   */
  readonly nodeSelector?: EnvoySection['nodeSelector'];
  /**
   * Controller tolerations, to which the tolerations of the k0s controller taint are always added.
   * @see mke4.yaml `envoyGateway.tolerations`
   * @default - the k0s controller taint tolerations only
   */
  readonly tolerations?: EnvoySection['tolerations'];
  /**
   * Controller resources. @see mke4.yaml `envoyGateway.resources`
   * @default - chart defaults
   */
  readonly resources?: EnvoySection['resources'];
  /**
   * The MKE gateway ingress: node ports, listener ports, Envoy proxy settings.
   * @see mke4.yaml `gatewayMKEIngress`
   * @default - node ports 33000/33001, ports 80/443
   */
  readonly ingress?: GatewaySection;
  /**
   * Namespace of the MKE Gateway and EnvoyProxy objects.
   * @default 'mke'
   */
  readonly ingressNamespace?: string;
  /**
   * TLS Secret (in `ingressNamespace`) of the HTTPS listener.
   * @default 'mke-ingress.tls'
   */
  readonly tlsSecretName?: string;
  /**
   * Airgapped clusters: the private image registry. The MKE EnvoyProxy then names the Envoy proxy
   * image under it (`<registry>/envoyproxy/envoy:<default tag>`), since Envoy Gateway pulls its
   * default proxy image from docker.io otherwise.
   * @default - none: Envoy Gateway's default proxy image
   */
  readonly imageRegistry?: string;
}

/** An image Envoy Gateway deploys by default at run time. */
export interface EnvoyGatewayRuntimeImage {
  /** Full reference without tag (`docker.io/envoyproxy/envoy`). */
  readonly image: string;
  readonly tag: string;
  /** The upstream file and tag the default is read from. */
  readonly origin: string;
}

/**
 * Envoy Gateway's default Envoy proxy image for a gateway-helm chart version: the controller runs
 * every Gateway's proxy with it unless the EnvoyProxy sets
 * `spec.provider.kubernetes.envoyDeployment.container.image` (envoyproxy/gateway
 * api/v1alpha1/shared_types.go DefaultEnvoyProxyImage, api/v1alpha1/envoyproxy_helpers.go). Undefined
 * for a version whose source was not read.
 */
export function defaultEnvoyProxyImage(chartVersion: string): EnvoyGatewayRuntimeImage | undefined {
  const entry = (ENVOY_GATEWAY_IMAGE_TABLE as Record<string, (typeof ENVOY_GATEWAY_IMAGE_TABLE)[keyof typeof ENVOY_GATEWAY_IMAGE_TABLE] | undefined>)[chartVersion.replace(/^v/, '')];
  if (!entry) return undefined;
  return { image: entry.envoyProxy.image, tag: entry.envoyProxy.tag, origin: `envoyproxy/gateway ${entry.tag} (${entry.commit.slice(0, 12)}) ${entry.file} ${entry.envoyProxy.constant}` };
}

/** Node selector MKE always applies (docs), merged with the user's. */
const FIXED_NODE_SELECTOR = { 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': 'true' };

/**
 * mke4.yaml `envoyGateway` → gateway-helm values [inf]: replicaCount → deployment.replicas;
 * tolerations / nodeSelector → deployment.pod.* (envoyproxy/gateway v1.6.1
 * charts/gateway-helm/templates/envoy-gateway-deployment.yaml); resources → deployment.envoyGateway.resources.
 * The fixed node selector only matches `controller+worker` nodes, which k0s taints NoSchedule, so
 * the k0s controller tolerations are always added (`withK0sControllerTolerations`): without them
 * the controller never schedules and no route of the MKE gateway is programmed.
 */
export function envoyGatewayValues(p: EnvoyGatewayProps): Record<string, unknown> {
  const resources = plain(p.resources) as Record<string, unknown> | undefined;
  return compact({
    deployment: {
      replicas: p.replicaCount ?? p.controllerCount ?? 1,
      envoyGateway: resources && Object.keys(resources).length ? { resources } : undefined,
      pod: {
        nodeSelector: { ...FIXED_NODE_SELECTOR, ...(plain(p.nodeSelector) as Record<string, string> | undefined) },
        tolerations: withK0sControllerTolerations(plain(p.tolerations) as TolerationValue[] | undefined),
      },
    },
  });
}

/**
 * GatewayClass + EnvoyProxy + Gateway of the MKE ingress (k0rdent mode) [inf]. `proxyImage`, when
 * given, is the EnvoyProxy's container image (airgapped clusters).
 */
export function mkeGatewayObjects(p: EnvoyGatewayProps, proxyImage?: string): Record<string, unknown>[] {
  const namespace = p.ingressNamespace ?? 'mke';
  const ingress = p.ingress ?? {};
  const ports = { http: ingress.ports?.http ?? 80, https: ingress.ports?.https ?? 443 };
  const nodePorts = { http: ingress.nodePorts?.http ?? 33000, https: ingress.nodePorts?.https ?? 33001 };
  const proxyResources = plain(ingress.envoyProxy?.resources) as Record<string, unknown> | undefined;
  const maxUnavailable = ingress.envoyProxy?.podDisruptionBudget?.maxUnavailable;
  return [
    {
      apiVersion: 'gateway.envoyproxy.io/v1alpha1',
      kind: 'EnvoyProxy',
      metadata: { name: MKE_GATEWAY_NAME, namespace },
      spec: {
        provider: {
          type: 'Kubernetes',
          kubernetes: compact({
            envoyService: {
              type: 'NodePort',
              // Strategic merge keyed by `port` pins the node ports of the generated Service.
              patch: {
                type: 'StrategicMerge',
                value: { spec: { ports: [{ port: ports.http, nodePort: nodePorts.http }, { port: ports.https, nodePort: nodePorts.https }] } },
              },
            },
            envoyDeployment:
              proxyImage || (proxyResources && Object.keys(proxyResources).length)
                ? { container: compact({ image: proxyImage, resources: proxyResources && Object.keys(proxyResources).length ? proxyResources : undefined }) }
                : undefined,
            envoyPDB: maxUnavailable !== undefined ? { maxUnavailable } : undefined,
          }),
        },
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: MKE_GATEWAY_NAME },
      spec: {
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        parametersRef: { group: 'gateway.envoyproxy.io', kind: 'EnvoyProxy', name: MKE_GATEWAY_NAME, namespace },
      },
    },
    {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: MKE_GATEWAY_NAME, namespace },
      spec: {
        gatewayClassName: MKE_GATEWAY_NAME,
        listeners: [
          { name: 'http', protocol: 'HTTP', port: ports.http, allowedRoutes: { namespaces: { from: 'All' } } },
          {
            name: 'https',
            protocol: 'HTTPS',
            port: ports.https,
            tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: p.tlsSecretName ?? 'mke-ingress.tls' }] },
            allowedRoutes: { namespaces: { from: 'All' } },
          },
        ],
      },
    },
  ];
}

/**
 * Envoy Gateway (https://gateway.envoyproxy.io, chart `gateway-helm`), MKE's ingress from 4.1.3: always
 * on, exposing MKE on the `gatewayMKEIngress` node ports. In k0rdent mode, where no mke-operator
 * creates them, it also emits the GatewayClass, EnvoyProxy and Gateway objects.
 *
 * @example
 * const gateway = cluster.findService(EnvoyGateway)!; // created from spec.envoyGateway
 * gateway.k0rdentObjects(); // GatewayClass, EnvoyProxy, Gateway
 */
export class EnvoyGateway extends SystemService {
  readonly props: EnvoyGatewayProps;

  constructor(scope: Construct, id: string, props: EnvoyGatewayProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  toMkeConfig(): Record<string, unknown> {
    const p = this.props;
    return compact({
      envoyGateway: compact({ replicaCount: p.replicaCount, nodeSelector: plain(p.nodeSelector), tolerations: plain(p.tolerations), resources: plain(p.resources) }),
      gatewayMKEIngress: plain(p.ingress),
    });
  }

  toReleases(): ServiceRelease[] {
    // The namespace of the upstream install guide (gateway.envoyproxy.io docs, `helm install eg … -n
    // envoy-gateway-system`); MKE's docs do not name the namespace it uses.
    return [{ name: 'envoy-gateway', namespace: this.namespaceOr('envoy-gateway-system'), chart: this.chartFor('envoy-gateway'), values: this.withExtraValues(envoyGatewayValues(this.props)), dependsOn: [] }];
  }

  k0rdentObjects(): Record<string, unknown>[] {
    return mkeGatewayObjects(this.props, this.proxyImage());
  }

  /**
   * The Envoy proxy image the MKE EnvoyProxy names: with `imageRegistry`, the default of the
   * deployed chart version under that registry; else none (Envoy Gateway's default). Undefined too
   * when the chart version's default is not known (the airgap check then reports the EnvoyProxy).
   */
  proxyImage(): string | undefined {
    if (!this.props.imageRegistry) return undefined;
    const known = defaultEnvoyProxyImage(this.chartFor('envoy-gateway').version);
    return known ? mirroredReference(this.props.imageRegistry, `${known.image}:${known.tag}`) : undefined;
  }

  /** The TLS Secret of the Gateway's HTTPS listener (mke-operator creates it in operator mode). */
  prerequisites(): Prerequisite[] {
    const namespace = this.props.ingressNamespace ?? 'mke';
    const name = this.props.tlsSecretName ?? 'mke-ingress.tls';
    return [
      {
        kind: 'Secret',
        namespace,
        name,
        why: `Gateway ${MKE_GATEWAY_NAME} listener https tls.certificateRefs`,
        how: `kubectl -n ${namespace} create secret tls ${name} --cert=<certificate for the MKE address> --key=<its key>`,
      },
    ];
  }
}
