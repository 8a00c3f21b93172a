/**
 * How a service's web endpoint (Dex at `/dex`, Grafana at `/grafana`, the MinIO console at
 * `/minio`) reaches users: through ingress-nginx (an Ingress naming its IngressClass) before MKE
 * 4.1.3, and through the MKE Envoy gateway (an HTTPRoute attached to the MKE Gateway) from 4.1.3,
 * where Envoy Gateway is always installed and ingress-nginx is off for fresh installs.
 */
import { isAtLeast, MkeRelease } from '../config/releases';
import { MKE_GATEWAY_NAME } from './envoy-gateway';
import { compact } from './system-service';

/**
 * The IngressClass the ingress-nginx chart creates: `controller.ingressClassResource.name`
 * (default `nginx`, ingress-nginx charts/ingress-nginx/values.yaml). The controller ignores an
 * Ingress without a class (`controller.watchIngressWithoutClass: false`, same file).
 */
export const INGRESS_NGINX_CLASS = 'nginx';

/** Name and namespace of the MKE Gateway (Envoy Gateway, 4.1.3+; see `mkeGatewayObjects`). */
export const MKE_GATEWAY = { name: MKE_GATEWAY_NAME, namespace: 'mke' } as const;

/** Where a service's ingress goes. */
export type IngressRoute =
  | { readonly kind: 'ingress'; readonly className: string }
  | { readonly kind: 'gateway'; readonly gatewayName: string; readonly gatewayNamespace: string };

/** The MKE ingress of a release: the Envoy gateway from 4.1.3, ingress-nginx before. */
export function defaultIngressRoute(release: MkeRelease): IngressRoute {
  return isAtLeast(release, '4.1.3')
    ? { kind: 'gateway', gatewayName: MKE_GATEWAY.name, gatewayNamespace: MKE_GATEWAY.namespace }
    : { kind: 'ingress', className: INGRESS_NGINX_CLASS };
}

export interface HttpRouteProps {
  /** HTTPRoute name. */
  readonly name: string;
  /** HTTPRoute namespace (the backend Service's namespace). */
  readonly namespace: string;
  /** Path prefix, e.g. `/dex`. */
  readonly path: string;
  /** Backend Service name. */
  readonly service: string;
  /** Backend Service port. */
  readonly port: number;
  /**
   * Replace the matched prefix with `/` before forwarding (for backends that serve at `/`).
   * @default false
   */
  readonly stripPrefix?: boolean;
}

/**
 * A Gateway API HTTPRoute (gateway.networking.k8s.io/v1, installed with Envoy Gateway's chart)
 * attached to the MKE Gateway. The Gateway's listeners allow routes from all namespaces.
 */
export function httpRoute(route: Extract<IngressRoute, { kind: 'gateway' }>, p: HttpRouteProps): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: p.name, namespace: p.namespace },
    spec: {
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: route.gatewayName, namespace: route.gatewayNamespace }],
      rules: [
        compact({
          matches: [{ path: { type: 'PathPrefix', value: p.path } }],
          filters: p.stripPrefix ? [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }] : undefined,
          backendRefs: [{ name: p.service, port: p.port }],
        }),
      ],
    },
  };
}
