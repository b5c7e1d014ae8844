/** The texts `sim` prints for `list`, `--help` and `<engine> --help`, in English. */
import type { AnySpec } from '../simulations/core/engine.ts';
import type { ParamSpec, UnitId } from '../simulations/core/params.ts';
import { SEED_MAX } from '../simulations/core/engine.ts';
import { boardingSchool1978 } from '../simulations/sir-fit/data.ts';
import { MAX_POPULATION, MIN_DAYS } from '../simulations/sir-fit/counts.ts';
import { hasKey, t, tKey } from '../src/i18n/index.ts';
import { unitText } from '../src/lib/format.ts';
import { DEFAULT_SEED, FORMATS } from './args.ts';
import { DEFAULT_BOOTSTRAP, FIT_COMMAND, FIT_USAGE, MAX_BOOTSTRAP, STDIN_NAME } from './sir-fit.ts';

const RUN = 'npm run sim --';

/** Unit words ("days", "people"); the id itself where the dictionary has no word (fractions). */
export function unitWords(unit: UnitId): string {
  if (unit === '') return '';
  return unitText('en', unit) || unit;
}

/** "days of simulated time": the work unit in words. */
export function workUnitWords(engine: AnySpec): string {
  const unit = unitWords(engine.workUnit.unit);
  const what = tKey('en', engine.workUnit.label);
  return unit === '' || unit === what ? what : `${unit} of ${what}`;
}

function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] as number) - [...cell].length))).join('  ')).trimEnd(),
  );
}

export function listText(engines: readonly AnySpec[]): string {
  const rows = engines.map((e) => [e.id, tKey('en', e.label), `work unit: ${workUnitWords(e)}`]);
  return [
    'Engines:',
    ...table(rows),
    '',
    'Other commands:',
    ...table([[FIT_COMMAND, 'fit the SIR model to daily counts of the ill, with a bootstrap interval for R0']]),
    '',
    `Run "${RUN} <engine> --help" for an engine's parameters, "${RUN} ${FIT_COMMAND} --help" for the fit.`,
    '',
  ].join('\n');
}

export function generalHelp(engines: readonly AnySpec[]): string {
  return [
    'sim: run Gakusai simulation engines headless (the same code as the widgets).',
    '',
    'Usage:',
    `  ${RUN} list                      list the engines`,
    `  ${RUN} <engine> --help           parameters, presets and flags of an engine`,
    `  ${RUN} <engine> [--preset=NAME] [--<param>=VALUE ...] [--seed=N] [--steps=N] [--runs=N] [--format=json|csv] [--out=FILE]`,
    `  ${RUN} ${FIT_USAGE}`,
    '',
    listText(engines).trimEnd(),
    '',
    'Exit status: 0 success, 1 the simulation or the fit failed, 2 bad command line.',
    '',
  ].join('\n');
}

function valueHint(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'number':
      return 'NUMBER';
    case 'integer':
      return 'INTEGER';
    case 'boolean':
      return 'true|false';
    case 'choice':
      return spec.options.join('|');
  }
}

function allowedText(spec: ParamSpec): string {
  switch (spec.kind) {
    case 'number':
    case 'integer':
      return `${String(spec.min)} to ${String(spec.max)}${spec.kind === 'integer' ? ', whole' : ''}`;
    case 'boolean':
      return 'true or false';
    case 'choice':
      return `one of ${spec.options.join(', ')}`;
  }
}

function presetText(values: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(values).map(([k, v]) => `--${k}=${String(v)}`);
  return parts.length ? parts.join(' ') : '(the defaults)';
}

export function engineHelp(engine: AnySpec): string {
  const params = Object.entries(engine.params as Record<string, ParamSpec>);
  const paramRows = params.map(([name, spec]) => [
    `--${name}=${valueHint(spec)}`,
    tKey('en', spec.label),
    `default ${String(spec.default)}`,
    allowedText(spec),
    'unit' in spec ? unitWords(spec.unit) || '-' : '-',
    spec.live ? 'live' : 'structural',
  ]);
  const presetRows = Object.entries(engine.presets as Record<string, Record<string, unknown>>).map(([name, values]) => {
    const key = `${engine.id}.preset.${name}`;
    return [name, hasKey(key) ? t('en', key) : '', presetText(values)];
  });
  const firstPreset = Object.keys(engine.presets)[0];
  const lastPreset = Object.keys(engine.presets).at(-1);
  const stepsWhat = workUnitWords(engine);
  return [
    `${engine.id}: ${tKey('en', engine.label)} (engine version ${engine.version})`,
    '',
    `Usage: ${RUN} ${engine.id} [--preset=NAME] [--<param>=VALUE ...] [--seed=N] [--steps=N]${engine.ensemble ? ' [--runs=N]' : ''} [--format=json|csv] [--out=FILE]`,
    '',
    'Parameters (flag, label, default, allowed values, unit, live/structural):',
    ...table([['FLAG', 'LABEL', 'DEFAULT', 'ALLOWED', 'UNIT', 'KIND'], ...paramRows]),
    '',
    '  live: the widget applies a change to the running simulation; structural: a change restarts it.',
    '',
    'Presets (--preset=NAME; explicit flags override the preset):',
    ...table(presetRows),
    '',
    'Common flags:',
    ...table([
      ['--preset=NAME', 'start from a named preset (defaults, then the preset, then your flags)'],
      ['--seed=N', `random seed, a whole number from 0 to ${SEED_MAX} (default ${DEFAULT_SEED})${engine.stochastic ? '' : '; this model is deterministic, so the seed is only recorded'}`],
      ['--steps=N', `work to do, in ${stepsWhat} (default: until the run is done)${engine.ensemble ? '; with --runs, per run' : ''}`],
      ...(engine.ensemble
        ? [['--runs=N', `an ensemble of N runs (streams 0…N−1 of the seed): ensemble statistics (${Object.keys(engine.ensemble.summary).join(', ')}) and each run's summary`]]
        : []),
      ['--format=FORMAT', `output format: ${FORMATS.join(' or ')} (default json)`],
      ['--out=FILE', 'write the output to FILE instead of standard output'],
      ['-h, --help', 'show this help'],
    ]),
    '',
    'Examples:',
    `  ${RUN} ${engine.id}${firstPreset ? ` --preset=${firstPreset}` : ''} --format=csv --out=${engine.id}.csv`,
    ...(lastPreset ? [`  ${RUN} ${engine.id} --preset=${lastPreset} --seed=7 --out=${engine.id}-${lastPreset}.json`] : []),
    ...(engine.ensemble ? [`  ${RUN} ${engine.id} --runs=1000 --seed=3 --format=csv --out=${engine.id}-ensemble.csv`] : []),
    `  npm run --silent sim -- ${engine.id} > ${engine.id}.json   (--silent keeps npm's own lines out of the output)`,
    '',
  ].join('\n');
}

/** `sir-fit --help`: the flags, what is fitted, and examples. */
export function fitHelp(): string {
  const school = boardingSchool1978;
  return [
    `${FIT_COMMAND}: fit the SIR model to daily counts of people ill (prevalence), with a parametric bootstrap of R0.`,
    '',
    `Usage: ${RUN} ${FIT_USAGE}`,
    '',
    'Flags:',
    ...table([
      ['--data=FILE', `daily counts, a "day,count" line per day (a header and # comments allowed; commas, semicolons or tabs);`],
      ['', `days whole, increasing and ≥ 0, counts whole and ≥ 0, at least ${MIN_DAYS} days; ${STDIN_NAME} reads standard input.`],
      ['', `Default: influenza in a boarding school, 1978 (${school.day.length} days, N = ${school.population})`],
      ['--N=POPULATION', `population size, a whole number from the largest count to ${MAX_POPULATION}; required with --data`],
      ['--bootstrap=SAMPLES', `synthetic epidemics refitted for the R0 interval, 0 to ${MAX_BOOTSTRAP} (default ${DEFAULT_BOOTSTRAP}; 0: none); about 40 ms each`],
      ['--seed=N', `seed of the bootstrap, a whole number from 0 to ${SEED_MAX} (default ${DEFAULT_SEED}); sample j uses its own streams`],
      ['--format=FORMAT', `output format: ${FORMATS.join(' or ')} (default json)`],
      ['--out=FILE', 'write the output to FILE instead of standard output'],
      ['-h, --help', 'show this help'],
    ]),
    '',
    'The model: deterministic SIR in a population of N with β, γ and I0 (infected at day 0) free, fitted',
    'to the counts of I(t) by least squares (Levenberg–Marquardt). Daily prevalence counts are strongly',
    'correlated, so the interval for R0 = β/γ comes from a parametric bootstrap: epidemics of the stochastic',
    'SIR model with the fitted parameters, recorded on the data\'s days and refitted; the central 95 % of',
    'their R0 is reported (epidemics that die out early are drawn again).',
    '',
    'Output: JSON { command, source, N, seed, generator, fit, bootstrap, series: {day, count, fitted, residual} },',
    'or CSV: "# " comment lines with the fit and the bootstrap, then day,count,fitted,residual rows.',
    '',
    'Examples:',
    `  ${RUN} ${FIT_COMMAND} --bootstrap=0`,
    `  ${RUN} ${FIT_COMMAND} --bootstrap=1000 --seed=7 --format=csv --out=school-fit.csv`,
    `  ${RUN} ${FIT_COMMAND} --data=counts.csv --N=1200 --out=my-fit.json`,
    `  npm run --silent sim -- ${FIT_COMMAND} --data=${STDIN_NAME} --N=500 < counts.csv`,
    '',
  ].join('\n');
}
