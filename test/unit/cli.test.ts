/**
 * The `sim` CLI (cli/sim.ts), run as a process exactly as `npm run sim -- …` runs it:
 * `process.execPath cli/sim.ts …` (vitest started through npm/npx runs on the pinned Node 24,
 * which strips the TypeScript types itself). Runs are kept short (small tMax).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runToEnd, type AnyEngine } from '../../simulations/core/engine.ts';
import { validateParams } from '../../simulations/core/params.ts';
import { engineIds } from '../../simulations/registry.ts';
import { sirEngine } from '../../simulations/sir/index.ts';
import type { Io } from '../../cli/io.ts';
import { main, type EngineSource } from '../../cli/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SIM = join(ROOT, 'cli', 'sim.ts');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function sim(...args: string[]): Result {
  const r = spawnSync(process.execPath, [SIM, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'gakusai-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The SIR engine run in-process with the same parameters, for comparison. */
function direct(raw: Record<string, unknown>, preset: Record<string, unknown> = {}) {
  const base = validateParams(sirEngine.params, preset);
  if (!base.ok) throw new Error('bad preset');
  const v = validateParams(sirEngine.params, raw, sirEngine.crossCheck, base.params);
  if (!v.ok) throw new Error('bad params');
  const inst = sirEngine.create(v.params, 1);
  runToEnd(inst, 1);
  return { params: v.params, frame: inst.observe() };
}

it('runs on a Node that strips TypeScript types (start vitest through npx or npm)', () => {
  expect(Number(process.versions.node.split('.')[0]), `process.execPath is Node ${process.versions.node}`).toBeGreaterThanOrEqual(24);
});

describe('list and help', () => {
  it('list: every engine id with its English name and work unit', () => {
    const r = sim('list');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    for (const id of engineIds) expect(r.stdout).toMatch(new RegExp(`^ +${id} `, 'm'));
    expect(r.stdout).toMatch(/^ +sir +SIR \/ SEIR epidemic model +work unit: days of simulated time$/m);
    expect(r.stdout).toMatch(/^Other commands:\n +sir-fit +fit the SIR model to daily counts/m);
  });

  it('sir --help: every parameter with label, default, range, unit and kind; presets; common flags; an example', () => {
    const r = sim('sir', '--help');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const line = (flag: string) => r.stdout.split('\n').find((l) => l.trimStart().startsWith(flag)) ?? '';
    expect(line('--R0=')).toMatch(/--R0=NUMBER +Basic reproduction number R₀ +default 2\.5 +0\.1 to 20 +- +live$/);
    expect(line('--N=')).toMatch(/Population N +default 1000000 +1 to 10000000000 +people +structural$/);
    expect(line('--gamma=')).toMatch(/Recovery rate γ +default 0\.2 +0\.01 to 5 +\/day +live$/);
    expect(line('--model=')).toMatch(/--model=SIR\|SEIR +Model +default SIR +one of SIR, SEIR .*structural$/);
    expect(line('--vaccinated=')).toMatch(/fraction +structural$/);
    for (const name of Object.keys(sirEngine.params)) expect(line(`--${name}=`), name).not.toBe('');
    for (const name of Object.keys(sirEngine.presets)) expect(r.stdout, name).toMatch(new RegExp(`^ +${name} `, 'm'));
    expect(line('herd-immunity')).toContain('--vaccinated=0.6 --tMax=300');
    for (const flag of ['--preset=NAME', '--seed=N', '--steps=N', '--format=FORMAT', '--out=FILE', '-h, --help']) {
      expect(r.stdout).toContain(flag);
    }
    expect(line('--steps=N')).toContain('days of simulated time');
    expect(r.stdout).toContain('npm run sim -- sir --preset=basic --format=csv --out=sir.csv');
  });

  it('-h / --help anywhere wins, even over bad arguments', () => {
    const a = sim('sir', '--R0=abc', '-h');
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('--R0=NUMBER');
    const b = sim('--help');
    expect(b.status).toBe(0);
    expect(b.stdout).toContain('npm run sim -- list');
    expect(b.stdout).toMatch(/^ +sir +SIR/m);
  });
});

describe('runs', () => {
  it('JSON: one object with engine, version, params, seed, summary and series, matching the engine', () => {
    const r = sim('sir', '--R0=3', '--tMax=40', '--outputInterval=2', '--vaccinated=0.1');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['engine', 'version', 'params', 'seed', 'summary', 'series']);
    const { params, frame } = direct({ R0: 3, tMax: 40, outputInterval: 2, vaccinated: 0.1 });
    expect(doc['engine']).toBe('sir');
    expect(doc['version']).toBe(sirEngine.version);
    expect(doc['seed']).toBe(1);
    expect(doc['params']).toEqual(params);
    expect(Object.keys(doc['params'] as object)).toEqual(Object.keys(sirEngine.params));
    // JSON numbers round-trip: the summary equals the in-process run's, exactly.
    expect(doc['summary']).toEqual(frame.summary);
    expect(Object.keys(doc['summary'] as object)).toEqual(Object.keys(sirEngine.observables.summary));
    const series = doc['series'] as Record<string, number[]>;
    expect(Object.keys(series)).toEqual(['t', 'S', 'E', 'I', 'R', 'V']);
    for (const [name, values] of Object.entries(series)) {
      expect(values.length, name).toBe(21);
      expect(values, name).toEqual(Array.from((frame.series[name] as Float64Array).subarray(0, frame.length)));
    }
  });

  it('preset, then explicit flags; --seed is recorded', () => {
    const r = sim('sir', '--preset=fast-spread', '--tMax=30', '--seed=4294967295', '--outputInterval=5');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { params: Record<string, unknown>; seed: number; summary: Record<string, number> };
    expect(doc.params['R0']).toBe(5); // from the preset
    expect(doc.params['tMax']).toBe(30); // the flag wins over the preset's 120
    expect(doc.seed).toBe(4294967295);
    expect(doc.summary).toEqual(direct({ tMax: 30, outputInterval: 5 }, { R0: 5, tMax: 120 }).frame.summary);
  });

  it('--steps does that much work and stops', () => {
    const r = sim('sir', '--steps=10.5', '--outputInterval=1');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { summary: Record<string, number>; series: Record<string, number[]> };
    expect(doc.summary['time']).toBeGreaterThanOrEqual(10.5);
    expect(doc.summary['time']).toBeLessThan(11.5); // one internal step at most past the budget
    expect(doc.series['t']?.at(-1)).toBe(Math.floor(doc.summary['time'] as number));
    const zero = JSON.parse(sim('sir', '--steps=0').stdout) as { series: Record<string, number[]> };
    expect(zero.series['t']).toEqual([0]);
  });

  it('CSV: comment header, the column row, rows that read back to the engine\'s numbers', () => {
    const r = sim('sir', '--preset=seir', '--tMax=20', '--format=csv');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const comments = lines.filter((l) => l.startsWith('# '));
    const table = lines.filter((l) => !l.startsWith('#'));
    expect(comments).toContain('# engine: sir (SIR / SEIR epidemic model)');
    expect(comments).toContain('# seed: 1');
    expect(comments).toContain('# generator: gakusai sim CLI');
    expect(comments.some((c) => c.startsWith('# params: {"model":"SEIR"'))).toBe(true);
    expect(table[0]).toBe('t,S,E,I,R,V');
    const { frame } = direct({ tMax: 20 }, { model: 'SEIR', sigma: 0.2, tMax: 300 });
    expect(table.length - 1).toBe(frame.length);
    table.slice(1).forEach((row, k) => {
      const cells = row.split(',').map(Number);
      expect(cells).toEqual(['t', 'S', 'E', 'I', 'R', 'V'].map((n) => (frame.series[n] as Float64Array)[k]));
    });
  });

  it('--out writes the file and nothing to stdout', () => {
    const file = join(tmp, 'herd.csv');
    const r = sim('sir', '--preset=herd-immunity', '--tMax=10', '--format=csv', `--out=${file}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# params: {"model":"SIR","R0":2.5,"gamma":0.2,"sigma":0.2,"N":1000000,"initialInfected":10,"vaccinated":0.6,"contactFactor":1,"contactStart":0,"contactEnd":0,"vaccinationRate":0,"vaccinationStart":0,"tMax":10,');
    expect(text).toContain('\nt,S,E,I,R,V\n0,399990,0,10,0,600000\n');
    const json = join(tmp, 'run.json');
    expect(sim('sir', '--tMax=5', `--out=${json}`).stdout).toBe('');
    expect((JSON.parse(readFileSync(json, 'utf8')) as { engine: string }).engine).toBe('sir');
  });

  it('an unwritable --out is exit 1 with the file named', () => {
    const bad = join(tmp, 'no-such-dir', 'x.json');
    const r = sim('sir', '--tMax=2', `--out=${bad}`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`--out: cannot write ${bad}`);
    expect(existsSync(bad)).toBe(false);
  });
});

describe('ensembles (--runs)', () => {
  const flags = ['--N=200', '--R0=2', '--tMax=3650', '--outputInterval=10', '--seed=4'];

  it('JSON: statistics of the runs, and each run equal to the single run on its stream', () => {
    const r = sim('sir-stochastic', ...flags, '--runs=300');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { runs: number; summary: Record<string, number>; perRun: Record<string, number[]> };
    expect(doc.runs).toBe(300);
    const sizes = doc.perRun['finalSize']!;
    expect(sizes).toHaveLength(300);
    const major = sizes.filter((z) => z > 0.1);
    expect(doc.summary['majorOutbreakProbability']).toBe(major.length / 300);
    expect(doc.summary['meanFinalSizeMajor']).toBeCloseTo(major.reduce((a, b) => a + b, 0) / major.length, 12);
    // Run 0 is stream 0: the same run the CLI makes without --runs.
    const single = JSON.parse(sim('sir-stochastic', ...flags).stdout) as { summary: Record<string, number> };
    expect(sizes[0]).toBe(single.summary['finalSize']);
    // With R0 = 2 about half the runs are major outbreaks (exact finite-N value in test/validation).
    expect(Math.abs(doc.summary['majorOutbreakProbability']! - 0.5)).toBeLessThan(4 * doc.summary['majorOutbreakProbabilityError']! + 0.02);
  });

  it('CSV: ensemble statistics in the header, one row per run', () => {
    const r = sim('sir-stochastic', ...flags, '--runs=5', '--format=csv');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# ensemble majorOutbreakProbability: [\d.]+ \[fraction\]/m);
    const rows = r.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows[0]).toBe('run,time,duration,events,finalSize,peakPrevalence,peakTime,extinct');
    expect(rows.slice(1).map((l) => l.split(',')[0])).toEqual(['0', '1', '2', '3', '4']);
  });

  it('refuses --runs for a deterministic engine and a count out of range (exit 2)', () => {
    const det = sim('sir', '--runs=3');
    expect(det.status).toBe(2);
    expect(det.stderr).toContain('--runs: sir is deterministic');
    for (const bad of ['0', '2.5', 'many', '1e9']) {
      const r = sim('sir-stochastic', `--runs=${bad}`);
      expect(r.status, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^error: --runs/);
      expect(r.stdout).toBe('');
    }
  });
});

describe('bad input: exit 2, an English message naming the flag, nothing on stdout', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown engine', ['sirs'], /^error: unknown engine "sirs"; engines: sir\b.*\(or the commands list, sir-fit\)$/],
    ['no command', [], /^error: no command given/],
    ['list with junk', ['list', 'all'], /^error: list takes no arguments/],
    ['unknown flag', ['sir', '--r0=3'], /^error: --r0: not a flag of sir \(did you mean --R0\?\)/],
    ['unknown flag (no suggestion)', ['sir', '--beta=0.5'], /^error: --beta: not a flag of sir;/],
    ['not a number', ['sir', '--R0=abc'], /^error: --R0 must be a number, not “abc”$/],
    ['empty value', ['sir', '--R0='], /^error: --R0 must be a number, not “”$/],
    ['NaN', ['sir', '--R0=NaN'], /^error: --R0 must be a number, not “NaN”$/],
    ['overflow to infinity', ['sir', '--R0=1e999'], /^error: --R0 must be a finite number$/],
    ['above the range', ['sir', '--R0=25'], /^error: --R0 must be at most 20 \(got 25\)$/],
    ['below the range', ['sir', '--gamma=0'], /^error: --gamma must be at least 0.01 \(got 0\)$/],
    ['not an option', ['sir', '--model=SIRS'], /^error: --model must be one of SIR, SEIR, not “SIRS”$/],
    ['no value', ['sir', '--R0'], /^error: --R0: needs a value/],
    ['cross-parameter rule', ['sir', '--N=1000', '--vaccinated=0.5', '--initialInfected=600'],
      /^error: --initialInfected = 600 breaks a rule: the initially infected cannot exceed the unvaccinated population \(500\)$/],
    ['cross rule against a preset', ['sir', '--preset=herd-immunity', '--N=100', '--initialInfected=50'], /^error: --initialInfected = 50 breaks a rule/],
    ['unknown preset', ['sir', '--preset=lockdown'], /^error: --preset: sir has no preset "lockdown"; presets: basic, herd-immunity/],
    ['seed not a number', ['sir', '--seed=abc'], /^error: --seed must be a number/],
    ['seed negative', ['sir', '--seed=-1'], /^error: --seed must be at least 0 \(got -1\)$/],
    ['seed fractional', ['sir', '--seed=1.5'], /^error: --seed must be a whole number, not 1.5$/],
    ['seed too large', ['sir', '--seed=4294967296'], /^error: --seed must be at most 4294967295 \(got 4294967296\)$/],
    ['steps not a number', ['sir', '--steps=ten'], /^error: --steps must be a number, not “ten”$/],
    ['steps negative', ['sir', '--steps=-3'], /^error: --steps must be at least 0 \(got -3\)$/],
    ['steps infinite', ['sir', '--steps=1e400'], /^error: --steps must be a finite number$/],
    ['bad format', ['sir', '--format=xml'], /^error: --format must be one of json, csv, not “xml”$/],
    ['empty out', ['sir', '--out='], /^error: --out: needs a file name/],
    ['flag given twice', ['sir', '--R0=2', '--R0=3'], /^error: --R0: given more than once$/],
    ['common flag given twice', ['sir', '--seed=1', '--seed=1'], /^error: --seed: given more than once$/],
    ['positional junk', ['sir', 'R0=3'], /^error: unexpected argument "R0=3"/],
    ['single-dash flag', ['sir', '-R0=3'], /^error: unexpected argument "-R0=3"/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: ${args.join(' ')}`, () => {
      const r = sim(...args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toMatch(message);
    });
  }

  it('several bad values: one line each', () => {
    const r = sim('sir', '--R0=0', '--gamma=9', '--N=x');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('error: --R0 must be at least 0.1 (got 0)\nerror: --gamma must be at most 5 (got 9)\nerror: --N must be a number, not “x”\n');
  });
});

describe('an engine that fails at run time', () => {
  // In-process through main() with a stand-in engine: no real engine throws on valid parameters.
  const broken: AnyEngine = {
    ...sirEngine,
    id: 'broken',
    create: (params, seed) => {
      const inst = sirEngine.create(params, seed);
      return {
        advance: () => {
          throw new Error('step size underflow');
        },
        observe: (reuse) => inst.observe(reuse),
        setLiveParams: (p) => inst.setLiveParams(p),
        snapshot: () => inst.snapshot(),
        restore: (s) => inst.restore(s),
      };
    },
  };
  const source: EngineSource = { ids: ['broken'], spec: async () => broken, engine: async () => broken };

  it('exits 1 with the message on stderr', async () => {
    let out = '';
    let err = '';
    const io: Io = {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      writeFile: () => undefined,
      readFile: () => '',
      readStdin: () => '',
    };
    expect(await main(['broken', '--tMax=5'], io, source)).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('error: broken: the simulation failed: step size underflow\n');
    expect(await main(['broken', '--R0=99'], io, source)).toBe(2);
  });
});
