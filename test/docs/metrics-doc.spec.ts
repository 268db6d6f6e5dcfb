import { readFileSync } from 'node:fs';
import { Metrics } from '../../apps/api/src/observability/index.js';

/** docs/operations.md lists every socai metric the server exposes, and the Grafana dashboard asks for no other. */
describe('the metrics in the docs', () => {
  const exposed = new Metrics().registry.getMetricsAsArray().map((metric) => (metric as unknown as { name: string }).name);
  const socai = exposed.filter((name) => name.startsWith('socai_')).sort();

  it('lists every socai_ metric in docs/operations.md', () => {
    const operations = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    expect(socai.filter((name) => !operations.includes(`| \`${name}\` |`))).toEqual([]);
    expect(socai).toHaveLength(18);
  });

  it('has a Grafana dashboard whose queries name only metrics the server exposes', () => {
    const dashboard = JSON.parse(readFileSync(new URL('../../docs/grafana-dashboard.json', import.meta.url), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const queried = new Set(dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/\b(socai|nodejs|process)_\w+/g) ?? [])));
    const known = (name: string) => exposed.includes(name) || exposed.includes(name.replace(/_(bucket|sum|count)$/, ''));
    expect([...queried].filter((name) => !known(name))).toEqual([]);
    expect(socai.filter((name) => !queried.has(name) && !queried.has(`${name}_bucket`))).toEqual(['socai_checkpoint_age_seconds', 'socai_checkpoint_unsigned_events']);
  });
});
