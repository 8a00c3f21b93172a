import { App, Chart, Testing } from 'cdk8s';
import { IngressNginx, ingressNginxValues } from '../../lib/services/ingress-nginx';

describe('ingress-nginx: mke4.yaml ingressController → Helm values', () => {
  test('field by field', () => {
    expect(
      ingressNginxValues({
        replicaCount: 3,
        enableLoadBalancer: true,
        preserveClientIP: true,
        disableHttp: true,
        externalIPs: ['192.0.2.9'],
        affinity: { nodeAffinity: {}, podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
        extraArgs: { httpPort: 8080, httpsPort: 8443, enableSslPassthrough: true, defaultSslCertificate: 'mke/mke-ingress.tls' },
        nodePorts: { http: 33000, https: 33001, tcp: { '9000': 33002 }, udp: { '53': 33003 } },
        ports: { http: 81, https: 444 },
        configMap: { 'use-forwarded-headers': 'true' },
        tcpServices: { '9000': 'ns/svc:9000' },
        udpServices: { '53': 'ns/dns:53' },
      }),
    ).toEqual({
      controller: {
        replicaCount: 3,
        containerPort: { http: 8080, https: 8443 },
        extraArgs: { 'http-port': '8080', 'https-port': '8443', 'enable-ssl-passthrough': 'true', 'default-ssl-certificate': 'mke/mke-ingress.tls' },
        affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } },
        tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }],
        config: { 'use-forwarded-headers': 'true' },
        service: {
          type: 'LoadBalancer',
          enableHttp: false,
          externalTrafficPolicy: 'Local',
          externalIPs: ['192.0.2.9'],
          ports: { http: 81, https: 444 },
          nodePorts: { http: 33000, https: 33001, tcp: { '9000': 33002 }, udp: { '53': 33003 } },
        },
      },
      tcp: { '9000': 'ns/svc:9000' },
      udp: { '53': 'ns/dns:53' },
    });
  });

  test('defaults: NodePort service, nothing else', () => {
    expect(ingressNginxValues({ affinity: { nodeAffinity: {} }, extraArgs: { enableSslPassthrough: false }, nodePorts: {}, ports: {} })).toEqual({ controller: { service: { type: 'NodePort' } } });
  });

  test('usable alone; namespace and chart override', () => {
    const chart = new Chart(Testing.app(), 'c');
    const svc = new IngressNginx(chart, 'ingress', { release: '4.1.5', namespace: 'edge', chart: { name: 'ingress-nginx', version: '4.15.1', repository: 'https://kubernetes.github.io/ingress-nginx' } });
    const [r] = svc.toReleases();
    expect(r).toMatchObject({ name: 'ingress-nginx', namespace: 'edge', chart: { version: '4.15.1', verified: true } });
    expect(svc.toMkeConfig()).toEqual({ ingressController: { enabled: true } });
    expect(Testing.synth(chart)).toEqual([]);
    void App;
  });
});
