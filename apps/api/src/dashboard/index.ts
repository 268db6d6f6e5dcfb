export { DashboardController } from './dashboard.controller.js';
export { provinceTree, type ProvinceEntry } from './area-tree.js';
export { dashboardFiles, projectRoot, type DashboardFiles } from './project-files.js';
