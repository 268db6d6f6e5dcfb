export { generateCommands, toLine } from './generate.js';
export { SCENARIO_DEFAULTS, resolveScenario, type GenerateOptions, type Scenario, type ScenarioDefaults, type ScenarioName } from './scenarios.js';
