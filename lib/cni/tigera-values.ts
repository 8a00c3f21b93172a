/**
 * Pure translations for Calico: the Tigera operator Helm values (MKE 4.1+) and k0s' built-in
 * `network.calico` block (MKE 4.0).
 */
import * as semver from 'semver';
import { upstreamCalicoVersion } from '../config/releases';
import { toYaml } from '../output/yaml';
import { CONTROL_PLANE_LABEL, CONTROL_PLANE_LABEL_VALUE, type K0sCalico } from '../k0s-shapes';

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
  /**
   * The Tigera operator chart version (`v3.30.200`, `3.31.5`): decides where `kubeletVolumePluginPath`
   * goes. @default - the newest layout (Calico ≥ 3.31)
   */
  readonly chartVersion?: string;
  /**
   * kube-apiserver `service-node-port-range` (`32768-35535`) when kube-proxy runs in ipvs mode: Felix
   * must know it (`kubeNodePortRanges`). @default - not written (Felix's default 30000:32767)
   */
  readonly ipvsNodePortRange?: string;
}

/**
 * Whether the chart reads `kubeletVolumePluginPath` under `installation` (Calico ≥ 3.31) rather than
 * at the top level. Up to 3.30 the chart sets the Installation's `kubeletVolumePluginPath` from the
 * top-level value after copying `installation` (projectcalico/calico
 * charts/tigera-operator/templates/crs/custom-resources.yaml @ v3.29.3, v3.30.2: `set $installSpec
 * "kubeletVolumePluginPath" .Values.kubeletVolumePluginPath`), so a value under `installation` is
 * overwritten by the top-level default `/var/lib/kubelet`. From 3.31 the top-level key is gone and
 * `installation.kubeletVolumePluginPath` is passed through (same file @ v3.31.5; values.yaml
 * `installation.kubeletVolumePluginPath: "None"`), so a top-level value is ignored.
 */
export function volumePluginPathUnderInstallation(chartVersion: string | undefined): boolean {
  const v = semver.valid(semver.coerce(upstreamCalicoVersion(chartVersion ?? '3.31.0')));
  return v === null || semver.gte(v, '3.31.0');
}

/** `32768-35535` → `32768:35535`: the kube-apiserver range in Calico's port-range form (numorstring.Port). */
export function felixPortRange(range: string): string {
  return range.replace(/^(\d+)-(\d+)$/, '$1:$2');
}

/**
 * Tigera operator values from MKE's `cidrV4` / `linuxDataplane` / `loglevel`, as a YAML string (k0s
 * wants chart values as a string). `kubeletVolumePluginPath` comes first and equals the kubelet root
 * dir in effect.
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
  // k0s labels controller nodes node-role.kubernetes.io/control-plane=true, not "" (k0s
  // pkg/component/controller/noderole.go); a selector on "" matches no node and typha,
  // calico-kube-controllers and calico-apiserver stay Pending.
  if (input.controlPlaneOnControllers) installation.controlPlaneNodeSelector = { [CONTROL_PLANE_LABEL]: CONTROL_PLANE_LABEL_VALUE };
  const underInstallation = volumePluginPathUnderInstallation(input.chartVersion);
  if (underInstallation) installation.kubeletVolumePluginPath = input.kubeletVolumePluginPath;
  // With kube-proxy in ipvs mode Felix separates host and workload traffic by the node port ranges
  // (projectcalico/calico api/pkg/apis/projectcalico/v3/felixconfig.go `KubeNodePortRanges`: "Only used
  // if felix detects kube-proxy running in ipvs mode", default 30000:32767). The chart renders
  // `defaultFelixConfiguration` minus `enabled` as the spec of FelixConfiguration `default`
  // (charts/tigera-operator/templates/crs/configmap-felixconfiguration-templates.yaml, 3.29–3.31).
  const felix = input.ipvsNodePortRange ? { defaultFelixConfiguration: { enabled: true, kubeNodePortRanges: [felixPortRange(input.ipvsNodePortRange)] } } : {};
  // The operator's own image: `tigeraOperator.registry` (charts/tigera-operator/values.yaml); the
  // Calico images follow `installation.registry` (tigera/operator pkg/components/references.go).
  const tigeraOperator = input.imageRegistry ? { tigeraOperator: { registry: input.imageRegistry.replace(/\/+$/, '') } } : {};
  // The operator Deployment's init container `create-initial-resources` runs
  // `{{.Values.calicoctl.image}}:{{.Values.calicoctl.tag}}` (projectcalico/calico
  // charts/tigera-operator/templates/tigera-operator/02-tigera-operator.yaml, v3.29–v3.31); the image
  // is `docker.io/calico/ctl` (3.29, 3.30) or `quay.io/calico/ctl` (3.31) in values.yaml, path `calico/ctl`.
  const calicoctl = input.imageRegistry ? { calicoctl: { image: `${input.imageRegistry.replace(/\/+$/, '')}/calico/ctl` } } : {};
  return toYaml({ ...(underInstallation ? {} : { kubeletVolumePluginPath: input.kubeletVolumePluginPath }), installation, ...felix, ...tigeraOperator, ...calicoctl });
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
export function calicoBuiltIn(extraConfig: Readonly<Record<string, string>>, ipvsNodePortRange?: string): K0sCalico {
  const envVars: Record<string, string> = {};
  // Felix reads every config parameter from FELIX_<NAME> (projectcalico/calico
  // felix/config/config_params.go `KubeNodePortRanges []numorstring.Port "portrange-list"`); an
  // explicit extraConfig key wins.
  if (ipvsNodePortRange && extraConfig.FELIX_KUBENODEPORTRANGES === undefined) envVars.FELIX_KUBENODEPORTRANGES = felixPortRange(ipvsNodePortRange);
  for (const key of Object.keys(extraConfig)) {
    if (/^(CALICO|FELIX)_/.test(key)) envVars[key] = extraConfig[key];
  }
  const sortedEnv = Object.fromEntries(Object.keys(envVars).sort().map((k) => [k, envVars[k]]));
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
    ...(Object.keys(sortedEnv).length ? { envVars: sortedEnv } : {}),
  };
  return calico;
}
