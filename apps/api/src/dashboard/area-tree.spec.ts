import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { provinceTree } from './area-tree.js';
import { dashboardFiles, projectRoot } from './project-files.js';

describe('the area picker table', () => {
  it('lists each province with its districts, in table order', () => {
    const csv = 'code,name,level,parentCode\n45,Tỉnh Quảng Trị,province,\n461,Thành phố Đông Hà,district,45\n95,Tỉnh Bạc Liêu,province,\n954,Thành phố Bạc Liêu,district,95\n465,Huyện Hướng Hóa,district,45\n';
    expect(provinceTree(csv)).toEqual([
      { code: '45', name: 'Tỉnh Quảng Trị', districts: [{ code: '461', name: 'Thành phố Đông Hà' }, { code: '465', name: 'Huyện Hướng Hóa' }] },
      { code: '95', name: 'Tỉnh Bạc Liêu', districts: [{ code: '954', name: 'Thành phố Bạc Liêu' }] },
    ]);
  });

  it('reads the shipped GSO table: 63 provinces, Quảng Trị with its ten districts', () => {
    const tree = provinceTree(readFileSync(dashboardFiles().areasCsv, 'utf8'));
    expect(tree).toHaveLength(63);
    expect(tree.find((p) => p.code === '45')?.districts.map((d) => d.code)).toEqual(['461', '462', '464', '465', '466', '467', '468', '469', '470', '471']);
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
