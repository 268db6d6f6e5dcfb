import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AreaDirectory } from '#domain';
import { provinceTree } from './area-tree.js';
import { dashboardFiles, projectRoot } from './project-files.js';

describe('the area picker table', () => {
  const { until, from, succession } = dashboardFiles().areasCsv;
  const tree = provinceTree(AreaDirectory.fromCsv(readFileSync(until, 'utf8'), readFileSync(from, 'utf8'), readFileSync(succession, 'utf8')));

  it('lists the 34 current provinces, then the 63 old ones under "before 2025-07"', () => {
    expect(tree).toHaveLength(97);
    expect(tree.slice(0, 34).every((p) => p.group === 'current')).toBe(true);
    expect(tree.slice(34).every((p) => p.group === 'before 2025-07')).toBe(true);
    expect(new Set(tree.map((p) => p.key)).size).toBe(97);
    expect(tree.filter((p) => p.code === '44').map(({ key, name, group }) => ({ key, name, group }))).toEqual([
      { key: '44', name: 'Tỉnh Quảng Trị', group: 'current' },
      { key: '44-before', name: 'Tỉnh Quảng Bình', group: 'before 2025-07' },
    ]);
  });

  it("drills a current province into its communes from 2025-07 and its predecessors' districts before", () => {
    const quangTri = tree.find((p) => p.key === '44')!;
    expect(quangTri.communes).toHaveLength(78);
    expect(quangTri.communes[0]).toEqual({ code: '18859', name: 'Phường Đồng Thuận' });
    // Quảng Bình's eight districts and the old Quảng Trị's ten.
    expect(quangTri.districts.map((d) => d.code)).toEqual(['450', '452', '453', '454', '455', '456', '457', '458', '461', '462', '464', '465', '466', '467', '468', '469', '470', '471']);
  });

  it('drills an old province into its own districts only', () => {
    const old = tree.find((p) => p.key === '45')!;
    expect(old).toMatchObject({ name: 'Tỉnh Quảng Trị', group: 'before 2025-07', successorCode: '44', validTo: '2025-06-30', communes: [] });
    expect(old.districts.map((d) => d.code)).toEqual(['461', '462', '464', '465', '466', '467', '468', '469', '470', '471']);
  });

  it('finds the project root from the source tree and from the compiled one alike', () => {
    const root = projectRoot();
    expect(existsSync(join(root, 'package.json'))).toBe(true);
    expect(projectRoot(pathToFileURL(join(root, 'dist', 'apps', 'api', 'src', 'dashboard', 'project-files.js')).href)).toBe(root);
    expect(() => projectRoot('file:///no-such-folder/x.js')).toThrow('no package.json above /no-such-folder/x.js');
  });

  it('finds the page and the chart library from the project root', () => {
    const files = dashboardFiles(projectRoot());
    expect(readFileSync(`${files.publicDir}/index.html`, 'utf8')).toContain('/dashboard/app.js');
    expect(readFileSync(files.chartJs, 'utf8').length).toBeGreaterThan(100_000);
  });
});
