/**
 * Pure translations for Calico: the Tigera operator Helm values (MKE 4.1+) and k0s' built-in
 * `network.calico` block (MKE 4.0, DECISIONS 2).
 */
import { toYaml } from '../output/yaml';
import type { K0sCalico } from '../k0s-shapes';

/** Inputs of the generated Tigera operator values. */
export interface TigeraValuesInput {
  readonly podCidr: string;
  readonly linuxDataplane: string;
  readonly logLevel: string;
  readonly kubeletVolumePluginPath: string;
  /** Image registry prefix for airgapped clusters (`registry.example.com/mke`). */
  readonly imageRegistry?: string;
  /** MKE 4.2 pins the Calico control plane to controllers. */
  readonly controlPlaneOnControllers?: boolean;
}

/**
 * Tigera operator values from MKE's `cidrV4` / `linuxDataplane` / `loglevel`, as a YAML string (k0s
 * wants chart values as a string). `kubeletVolumePluginPath` comes first and equals the kubelet root
 * dir in effect (DECISIONS 14).
 */
export function tigeraValues(input: TigeraValuesInput): string {
  const installation: Record<string, unknown> = {
    cni: { type: 'Calico' },
    calicoNetwork: {
      linuxDataplane: input.linuxDataplane,
      ipPools: [{ cidr: input.podCidr, encapsulation: 'VXLAN', natOutgoing: 'Enabled', nodeSelector: 'all()' }],
    },
    logging: { cni: { logSeverity: input.logLevel } },
  };
  if (input.imageRegistry) installation.registry = `${input.imageRegistry.replace(/\/+$/, '')}/`;
  if (input.controlPlaneOnControllers) installation.controlPlaneNodeSelector = { 'node-role.kubernetes.io/control-plane': '' };
  // The operator's own image: `tigeraOperator.registry` (charts/tigera-operator/values.yaml); the
  // Calico images follow `installation.registry` (tigera/operator pkg/components/references.go).
  const tigeraOperator = input.imageRegistry ? { tigeraOperator: { registry: input.imageRegistry.replace(/\/+$/, '') } } : {};
  // The operator Deployment's init container `create-initial-resources` runs
  // `{{.Values.calicoctl.image}}:{{.Values.calicoctl.tag}}` (projectcalico/calico
  // charts/tigera-operator/templates/tigera-operator/02-tigera-operator.yaml, v3.29–v3.31); the image
  // is `docker.io/calico/ctl` (3.29, 3.30) or `quay.io/calico/ctl` (3.31) in values.yaml, path `calico/ctl`.
  const calicoctl = input.imageRegistry ? { calicoctl: { image: `${input.imageRegistry.replace(/\/+$/, '')}/calico/ctl` } } : {};
  return toYaml({ kubeletVolumePluginPath: input.kubeletVolumePluginPath, installation, ...tigeraOperator, ...calicoctl });
}

function toInt(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}

/**
 * k0s' built-in `network.calico` from MKE 4.0 extraConfig: `mode`, `overlay`, `vxlanPort`,
 * `vxlanVNI`, `mtu`, `enableWireguard`/`wireguard`, `ipAutodetectionMethod`, and every `CALICO_*` /
 * `FELIX_*` key as an environment variable of calico-node.
 */
export function calicoBuiltIn(extraConfig: Readonly<Record<string, string>>): K0sCalico {
  const envVars: Record<string, string> = {};
  for (const key of Object.keys(extraConfig).sort()) {
    if (/^(CALICO|FELIX)_/.test(key)) envVars[key] = extraConfig[key];
  }
  const mode = extraConfig.mode === 'bird' || extraConfig.mode === 'ipip' ? extraConfig.mode : 'vxlan';
  const wireguard = extraConfig.enableWireguard ?? extraConfig.wireguard;
  const calico: K0sCalico = {
    mode,
    ...(extraConfig.overlay ? { overlay: extraConfig.overlay } : {}),
    ...(toInt(extraConfig.vxlanPort) !== undefined ? { vxlanPort: toInt(extraConfig.vxlanPort) } : {}),
    ...(toInt(extraConfig.vxlanVNI) !== undefined ? { vxlanVNI: toInt(extraConfig.vxlanVNI) } : {}),
    ...(toInt(extraConfig.mtu) !== undefined ? { mtu: toInt(extraConfig.mtu) } : {}),
    ...(wireguard !== undefined ? { wireguard: wireguard === 'true' } : {}),
    ...(extraConfig.ipAutodetectionMethod ? { ipAutodetectionMethod: extraConfig.ipAutodetectionMethod } : {}),
    ...(Object.keys(envVars).length ? { envVars } : {}),
  };
  return calico;
}
