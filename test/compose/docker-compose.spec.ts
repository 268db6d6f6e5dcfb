import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
}

/** docker-compose.yml as docker compose reads it (YAML merge keys resolved). */
const text = readFileSync(join(process.cwd(), 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;

describe('docker-compose.yml: the distributed topology', () => {
  it('declares a three-node KurrentDB cluster, PostgreSQL 15, a build step and the API', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'build', 'node1', 'node2', 'node3', 'postgres']);
    expect(services.postgres!.image).toBe('postgres:15');
    for (const node of ['node1', 'node2', 'node3']) expect(services[node]!.image).toMatch(/^docker\.kurrent\.io\/kurrent-latest\/kurrentdb:/);
  });

  it('forms the cluster: size 3, insecure for local use, each node seeded with the other two', () => {
    const seeds: Record<string, string> = { node1: 'node2:2113,node3:2113', node2: 'node1:2113,node3:2113', node3: 'node1:2113,node2:2113' };
    for (const [node, seed] of Object.entries(seeds)) {
      const environment = services[node]!.environment!;
      expect(environment).toMatchObject({
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_DISCOVER_VIA_DNS: 'false',
        KURRENTDB_GOSSIP_SEED: seed,
      });
    }
    expect([services.node1!.ports, services.node2!.ports, services.node3!.ports]).toEqual([['2113:2113'], ['2114:2113'], ['2115:2113']]);
  });

  it('runs the API as two replicas on the cluster and PostgreSQL, on host ports 3000 and 3001', () => {
    const api = services.api!;
    expect(api.deploy?.replicas).toBe(2);
    expect(api.ports).toEqual(['3000-3001:3000']);
    expect(api.command).toEqual(['node', 'bin/socai.js', 'serve']);
    expect(api.environment).toMatchObject({
      SOCAI_EVENT_STORE: 'esdb://node1:2113,node2:2113,node3:2113?tls=false',
      SOCAI_READ_MODELS: 'postgres://socai:${SOCAI_POSTGRES_PASSWORD:-socai-local}@postgres:5432/socai',
      SOCAI_HOST: '0.0.0.0',
      SOCAI_PORT: '3000',
      SOCAI_DATA_DIR: '/data',
    });
    expect(api.environment!.SOCAI_ADMIN_KEY).toMatch(/^\$\{SOCAI_ADMIN_KEY:\?/);
    expect(api.depends_on).toEqual({
      build: { condition: 'service_completed_successfully' },
      node1: { condition: 'service_healthy' },
      node2: { condition: 'service_healthy' },
      node3: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
  });

  it('health-checks every long-running service', () => {
    expect(services.api!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:3000/health');
    expect(services.postgres!.healthcheck!.test.join(' ')).toContain('pg_isready -U socai -d socai');
    for (const node of ['node1', 'node2', 'node3']) expect(services[node]!.healthcheck!.test.join(' ')).toContain('http://localhost:2113/health/live');
    expect(services.build!.healthcheck).toBeUndefined();
  });

  it('keeps data in named volumes, declared once', () => {
    const named = (service: Service): string[] => (service.volumes ?? []).map((volume) => volume.split(':')[0]!).filter((source) => !source.startsWith('.'));
    expect(named(services.node1!)).toEqual(['kurrentdb-node1-data', 'kurrentdb-node1-logs']);
    expect(named(services.postgres!)).toEqual(['postgres-data']);
    expect(named(services.api!)).toEqual(['socai-data']);
    const used = Object.values(services).flatMap(named).sort();
    expect(Object.keys(compose.volumes).sort()).toEqual([...new Set(used)]);
  });

  it('still points to the single-machine quick start', () => {
    expect(text).toContain('`npm ci && npm start`');
  });
});

describe('docker-compose.tls.yml: the TLS variant docs/operations.md describes', () => {
  const tlsText = readFileSync(join(process.cwd(), 'docker-compose.tls.yml'), 'utf8');
  const tls = (parse(tlsText, { merge: true }) as { services: Record<string, Service> }).services;

  it('turns TLS on for every node, with its own certificate naming the host it advertises to clients', () => {
    for (const node of ['node1', 'node2', 'node3']) {
      const environment = tls[node]!.environment!;
      expect(environment).toMatchObject({
        KURRENTDB_INSECURE: 'false',
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_ADVERTISE_HOST_TO_CLIENT_AS: node,
        KURRENTDB_TRUSTED_ROOT_CERTIFICATES_PATH: '/etc/kurrentdb/certs/ca',
        KURRENTDB_CERTIFICATE_FILE: `/etc/kurrentdb/certs/${node}/node.crt`,
        KURRENTDB_CERTIFICATE_PRIVATE_KEY_FILE: `/etc/kurrentdb/certs/${node}/node.key`,
      });
      expect(tls[node]!.volumes).toEqual(['./certs:/etc/kurrentdb/certs:ro']);
      expect(tls[node]!.healthcheck!.test.join(' ')).toContain(`--cacert /etc/kurrentdb/certs/ca/ca.crt https://${node}:2113/health/live`);
    }
  });

  it('mounts the CA into the API and connects with TLS as a user whose password comes from the environment', () => {
    expect(tls.api!.volumes).toEqual(['./certs/ca:/certs/ca:ro']);
    expect(tls.api!.environment!.SOCAI_EVENT_STORE).toBe(
      'esdb://socai:${SOCAI_ESDB_PASSWORD:?set SOCAI_ESDB_PASSWORD (the socai user\'s password)}@node1:2113,node2:2113,node3:2113?tls=true&tlsCAFile=/certs/ca/ca.crt',
    );
  });

  it('is the variant the operations guide starts, with the certificates it makes', () => {
    const guide = readFileSync(join(process.cwd(), 'docs/operations.md'), 'utf8');
    expect(guide).toContain('docker compose -f docker-compose.yml -f docker-compose.tls.yml up -d');
    expect(guide).toContain('-dns-names node$n,node$n.socai.internal,localhost');
    expect(guide).toContain('"groups\\":[\\"\\$admins\\"]');
  });
});
