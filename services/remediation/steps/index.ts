export { STEPS, stepFor } from './registry';
export { runStep, type StepRun } from './runStep';
export type { StepDeps, StepImplementation } from './step';
