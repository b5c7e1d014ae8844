/**
 * Every engine, by id. Loaders are dynamic imports so a worker fetches only the engines its
 * widgets use; `engineIds` is static so lists (CLI, tests, i18n checks) need no loading.
 */
import type { AnyEngine, AnySpec } from './core/engine.ts';
import type { BootstrapPart } from './sir-fit/counts.ts';
import type { BootstrapInput, FitInput, FitOutput } from './sir-fit/tasks.ts';
import type { ChainInput, ChainOutput } from './theremin-circuit/tasks.ts';
import type { CurveOutput, FieldPictureInput, FieldPictureOutput } from './theremin-field/tasks.ts';

const loaders = {
  sir: async () => (await import('./sir/index.ts')).sirEngine,
  'sir-stochastic': async () => (await import('./sir-stochastic/index.ts')).sirStochasticEngine,
  'sir-network': async () => (await import('./sir-network/index.ts')).sirNetworkEngine,
  'theremin-circuit': async () => (await import('./theremin-circuit/index.ts')).thereminCircuitEngine,
  'theremin-field': async () => (await import('./theremin-field/index.ts')).thereminFieldEngine,
  jamming: async () => (await import('./jamming/index.ts')).jammingEngine,
} satisfies Record<string, () => Promise<AnyEngine>>;

export type EngineId = keyof typeof loaders;
export const engineIds = Object.keys(loaders) as EngineId[];

export function isEngineId(id: string): id is EngineId {
  return Object.hasOwn(loaders, id);
}

export function loadEngine(id: EngineId): Promise<AnyEngine> {
  return loaders[id]();
}

/** The declarative halves, for pages: small, no model code. */
const specLoaders = {
  sir: async () => (await import('./sir/spec.ts')).sirSpec,
  'sir-stochastic': async () => (await import('./sir-stochastic/spec.ts')).sirStochasticSpec,
  'sir-network': async () => (await import('./sir-network/spec.ts')).sirNetworkSpec,
  'theremin-circuit': async () => (await import('./theremin-circuit/spec.ts')).thereminCircuitSpec,
  'theremin-field': async () => (await import('./theremin-field/spec.ts')).thereminFieldSpec,
  jamming: async () => (await import('./jamming/spec.ts')).jammingSpec,
} satisfies Record<EngineId, () => Promise<AnySpec>>;

export function loadSpec(id: EngineId): Promise<AnySpec> {
  return specLoaders[id]();
}

/**
 * Computations that are not runs of an engine — fitting a model to data, bootstrapping the fit —
 * as tasks: plain data in, plain data out, done in a worker like the runs, and checked there.
 */
export interface Tasks {
  'sir-fit': { input: FitInput; output: FitOutput };
  'sir-fit-bootstrap': { input: BootstrapInput; output: BootstrapPart };
  'theremin-chain': { input: ChainInput; output: ChainOutput };
  'theremin-field-picture': { input: FieldPictureInput; output: FieldPictureOutput };
  'theremin-capacitance-curve': { input: Readonly<Record<string, unknown>>; output: CurveOutput };
}
export type TaskId = keyof Tasks;

const taskLoaders: { [K in TaskId]: () => Promise<(input: Tasks[K]['input']) => Tasks[K]['output']> } = {
  'sir-fit': async () => (await import('./sir-fit/tasks.ts')).fitTask,
  'sir-fit-bootstrap': async () => (await import('./sir-fit/tasks.ts')).bootstrapTask,
  'theremin-chain': async () => (await import('./theremin-circuit/tasks.ts')).chainTask,
  'theremin-field-picture': async () => (await import('./theremin-field/tasks.ts')).fieldPictureTask,
  'theremin-capacitance-curve': async () => (await import('./theremin-field/tasks.ts')).capacitanceCurveTask,
};

export function isTaskId(id: string): id is TaskId {
  return Object.hasOwn(taskLoaders, id);
}

export function loadTask<K extends TaskId>(id: K): Promise<(input: Tasks[K]['input']) => Tasks[K]['output']> {
  return taskLoaders[id]();
}
