import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: string;
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
  it('declares a three-node KurrentDB cluster on a pinned version, PostgreSQL 15 and the API', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'node1', 'node2', 'node3', 'postgres']);
    expect(services.postgres!.image).toBe('postgres:15');
    for (const node of ['node1', 'node2', 'node3']) expect(services[node]!.image).toBe('docker.kurrent.io/kurrent-lts/kurrentdb:26.0.3');
  });

  it('builds the API image once from the Dockerfile and mounts no source tree into it', () => {
    expect(services.api!.build).toBe('.');
    expect(services.api!.image).toBe('socai-api:local');
    expect(services.api!.volumes).toEqual(['socai-data:/data']);
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
  });

  it('keeps data in named volumes, declared once', () => {
    const named = (service: Service): string[] => (service.volumes ?? []).map((volume) => volume.split(':')[0]!).filter((source) => !source.startsWith('.'));
    expect(named(services.node1!)).toEqual(['kurrentdb-node1-data', 'kurrentdb-node1-logs']);
    expect(named(services.postgres!)).toEqual(['postgres-data']);
    expect(named(services.api!)).toEqual(['socai-data']);
    const used = Object.values(services).flatMap(named).sort();
    expect(Object.keys(compose.volumes).sort()).toEqual([...new Set(used)]);
  });

  it('never pulls a moving tag', () => {
    for (const service of Object.values(services)) expect(service.image).not.toMatch(/:latest$|^[^:]+$/);
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

describe('Dockerfile: the API image', () => {
  const dockerfile = readFileSync(join(process.cwd(), 'Dockerfile'), 'utf8');
  const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('installs and compiles in a build stage, and runs from a slim stage as the node user', () => {
    expect(instructions.filter((line) => line.startsWith('FROM '))).toEqual(['FROM node:20-bookworm AS build', 'FROM node:20-bookworm-slim']);
    expect(stages[0]).toContain('RUN npm ci --ignore-scripts && npm rebuild better-sqlite3');
    expect(stages[0]).toContain('RUN npm run build && npm prune --omit=dev');
    expect(stages[1]).not.toContain('npm ci');
    expect(stages[1]).toContain('COPY --from=build /app/node_modules ./node_modules');
    expect(stages[1]).toContain('COPY --from=build /app/dist ./dist');
    expect(stages[1]).toContain('RUN mkdir /data && chown node:node /data');
    expect(instructions.filter((line) => line.startsWith('USER '))).toEqual(['USER node']);
    expect(instructions[instructions.length - 1]).toBe('CMD ["node", "bin/socai.js", "serve"]');
  });

  it('copies what serve reads at run time besides dist/: the launcher, the area tables and the dashboard page', () => {
    expect(stages[1]).toContain('COPY bin ./bin');
    expect(stages[1]).toContain('COPY reference-data ./reference-data');
    expect(stages[1]).toContain('COPY apps/api/src/dashboard/public ./apps/api/src/dashboard/public');
  });

  it('keeps host build output, data and certificates out of the build context', () => {
    const ignored = readFileSync(join(process.cwd(), '.dockerignore'), 'utf8').split('\n').filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'certs', '*.sqlite', '.git']));
  });
});
