/**
 * The `sim` command, as a function of its arguments: returns the exit status and writes through
 * `io`, so it can be driven by cli/sim.ts (the process) or by a test.
 *
 * Exit status: 0 success (including --help), 1 the simulation, the fit or writing the output
 * failed, 2 a bad command line (unknown engine, flag, preset; a value the validator rejects; a
 * data file that cannot be read or used).
 */
import { runToEnd, type AnyEngine, type AnySpec } from '../simulations/core/engine.ts';
import { validateParams } from '../simulations/core/params.ts';
import { engineIds, isEngineId, loadEngine, loadSpec } from '../simulations/registry.ts';
import { ensembleToCsv, framesToCsv } from '../src/lib/csv.ts';
import { describeParamError } from '../src/lib/param-messages.ts';
import { parseRunArgs, UsageError, wantsHelp } from './args.ts';
import { engineHelp, fitHelp, generalHelp, listText } from './help.ts';
import { errorLines, GENERATOR, writeOutput, type Io } from './io.ts';
import { ensembleDocument, formatEnsembleDocument, formatRunDocument, runDocument } from './json.ts';
import { FIT_COMMAND, runSirFit } from './sir-fit.ts';

/** Where the engines come from: the registry, or a stand-in in tests. */
export interface EngineSource {
  readonly ids: readonly string[];
  /** The declarative half: enough for lists and help, without loading the model. */
  spec(id: string): Promise<AnySpec>;
  engine(id: string): Promise<AnyEngine>;
}

export const registrySource: EngineSource = {
  ids: engineIds,
  spec: (id) => (isEngineId(id) ? loadSpec(id) : Promise.reject(new Error(`no engine ${id}`))),
  engine: (id) => (isEngineId(id) ? loadEngine(id) : Promise.reject(new Error(`no engine ${id}`))),
};

export async function main(argv: readonly string[], io: Io, source: EngineSource = registrySource): Promise<number> {
  const [command, ...rest] = argv;
  const engineId = command !== undefined && source.ids.includes(command) ? command : undefined;
  const allEngines = () => Promise.all(source.ids.map((id) => source.spec(id)));

  if (wantsHelp(argv)) {
    if (command === FIT_COMMAND) io.stdout(fitHelp());
    else io.stdout(engineId ? engineHelp(await source.spec(engineId)) : generalHelp(await allEngines()));
    return 0;
  }
  if (command === undefined) {
    io.stderr(`error: no command given\n\n${generalHelp(await allEngines())}`);
    return 2;
  }
  if (command === 'list') {
    if (rest.length > 0) {
      io.stderr(errorLines([`list takes no arguments (got ${JSON.stringify(rest[0])})`]));
      return 2;
    }
    io.stdout(listText(await allEngines()));
    return 0;
  }
  if (command === FIT_COMMAND) return runSirFit(rest, io);
  if (!engineId) {
    const what = command.startsWith('-') ? `expected an engine or a command before ${JSON.stringify(command)}` : `unknown engine ${JSON.stringify(command)}`;
    io.stderr(errorLines([`${what}; engines: ${source.ids.join(', ')} (or the commands list, ${FIT_COMMAND})`]));
    return 2;
  }

  const engine = await source.engine(engineId);
  let request;
  try {
    request = parseRunArgs(engine, rest);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(errorLines([e.message]));
      return 2;
    }
    throw e;
  }

  // Defaults, then the preset, then the explicit flags; the cross-parameter rules on the result.
  const preset = request.preset === undefined ? {} : (engine.presets[request.preset] as Record<string, unknown>);
  const base = validateParams(engine.params, preset);
  if (!base.ok) {
    // A preset the validator rejects is a bug in the engine, not in the command line.
    io.stderr(errorLines(base.errors.map((err) => `preset ${request.preset}: ${describeParamError('en', err, err.param)}`)));
    return 1;
  }
  const checked = validateParams(engine.params, request.params, engine.crossCheck, base.params);
  if (!checked.ok) {
    io.stderr(errorLines(checked.errors.map((err) => describeParamError('en', err, `--${err.param}`))));
    return 2;
  }
  const params = checked.params as Record<string, unknown>;

  let text: string;
  try {
    if (request.runs !== undefined) {
      // Run k is stream k of the seed: the same ensemble whatever runs it (a widget's worker pool too).
      const summaries: Record<string, number>[] = [];
      for (let k = 0; k < request.runs; k++) {
        const inst = engine.create(checked.params, request.seed, k);
        runToEnd(inst, Infinity, request.steps ?? Infinity);
        summaries.push({ ...inst.observe().summary });
      }
      const doc = ensembleDocument(engine, params, request.seed, summaries);
      text = request.format === 'csv'
        ? ensembleToCsv({ engine, params, seed: request.seed, runs: summaries, statistics: doc.summary, generator: GENERATOR })
        : formatEnsembleDocument(doc);
    } else {
      const inst = engine.create(checked.params, request.seed);
      runToEnd(inst, Infinity, request.steps ?? Infinity);
      const frame = inst.observe();
      text = request.format === 'csv'
        ? framesToCsv({ engine, params, seed: request.seed, frame, generator: GENERATOR })
        : formatRunDocument(runDocument(engine, params, request.seed, frame));
    }
  } catch (e) {
    io.stderr(errorLines([`${engine.id}: the simulation failed: ${e instanceof Error ? e.message : String(e)}`]));
    return 1;
  }

  return writeOutput(io, request.out, text);
}
