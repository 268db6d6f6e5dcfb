export { generateCommands, toLine } from './generate.js';
export { SCENARIO_DEFAULTS, resolveScenario, type GenerateOptions, type Scenario, type ScenarioDefaults, type ScenarioName } from './scenarios.js';
export { type AccountExpectation, type BankExpectation, type BankStatementSink, type CollectionAccount, type StatementFile } from './bank-statements.js';
export { provinceOf } from './areas.js';
