/**
 * `sim sir-fit` (cli/sir-fit.ts) and the fit's CSV (src/lib/fit-csv.ts). The main cases run the
 * CLI as a process, as cli.test.ts does (start vitest through npm/npx: the pinned Node 24 strips
 * the types); the others go through main() in-process with files held in memory, which is faster.
 * Bootstraps are kept tiny: each sample is a stochastic epidemic and a refit, about 40 ms.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boardingSchool1978 } from '../../simulations/sir-fit/data.ts';
import { bootstrapR0, fitSir } from '../../simulations/sir-fit/fit.ts';
import { fitToCsv } from '../../src/lib/fit-csv.ts';
import type { Io } from '../../cli/io.ts';
import { main } from '../../cli/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SIM = join(ROOT, 'cli', 'sim.ts');

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function sim(args: string[], stdin?: string): Result {
  const r = spawnSync(process.execPath, [SIM, 'sir-fit', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, input: stdin ?? '' });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** main() with files in memory; `written` collects what --out wrote. */
async function simInProcess(args: string[], files: Record<string, string> = {}, stdin = ''): Promise<Result & { written: Record<string, string> }> {
  let stdout = '';
  let stderr = '';
  const written: Record<string, string> = {};
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    writeFile: (path, text) => void (written[path] = text),
    readFile: (path) => {
      if (!Object.hasOwn(files, path)) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return files[path]!;
    },
    readStdin: () => stdin,
  };
  const status = await main(['sir-fit', ...args], io);
  return { status, stdout, stderr, written };
}

const tmp = mkdtempSync(join(tmpdir(), 'gakusai-cli-fit-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const school = { day: [...boardingSchool1978.day], count: [...boardingSchool1978.inBed] };
const N = boardingSchool1978.population;
/** The fit the CLI must reproduce, computed here by the fitting code itself. */
const expected = fitSir(school, N);
const schoolCsv = ['day,count', ...school.day.map((d, i) => `${d},${school.count[i]}`)].join('\n') + '\n';

interface FitDoc {
  command: string;
  source: string;
  N: number;
  seed: number;
  generator: string;
  fit: Record<string, number>;
  bootstrap?: Record<string, number>;
  series: Record<string, number[]>;
}

function expectedFitBlock(fit = expected) {
  return {
    beta: fit.beta, gamma: fit.gamma, infectiousDays: 1 / fit.gamma, initialInfected: fit.initialInfected,
    R0: fit.R0, sumOfSquares: fit.sumOfSquares, iterations: fit.iterations,
  };
}

/** `# group name: value [unit] label` lines of a CSV, as numbers by "group name". */
function csvQuantities(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^# (fit|bootstrap) (\w+): (\S+) \[/gm)) out[`${m[1]} ${m[2]}`] = Number(m[3]);
  return out;
}

describe('the boarding school, 1978', () => {
  it('JSON: the shipped data, N = 763, and the fit that fitSir gives (R0 ≈ 3.93)', () => {
    const r = sim(['--bootstrap=0']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as FitDoc;
    expect(Object.keys(doc)).toEqual(['command', 'source', 'N', 'seed', 'generator', 'fit', 'series']);
    expect(doc.fit['R0']).toBeCloseTo(expected.R0, 2);
    // The same code in another process: every number is identical, and JSON round-trips them.
    expect(doc.fit).toEqual(expectedFitBlock());
    expect(Object.keys(doc.fit)).toEqual(Object.keys(expectedFitBlock()));
    expect(doc).toMatchObject({ command: 'sir-fit', source: boardingSchool1978.source, N: 763, seed: 1, generator: 'gakusai sim CLI' });
    expect(doc.series).toEqual({ day: school.day, count: school.count, fitted: expected.fitted, residual: expected.residuals });
    // One line per series, as the engines' documents.
    expect(r.stdout).toContain(`\n    "count": [${school.count.join(',')}],\n`);
  });

  it('--bootstrap=6 --seed=3: the interval of bootstrapR0(fit, data, N, 6, 3)', async () => {
    const r = await simInProcess(['--bootstrap=6', '--seed=3']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as FitDoc;
    const boot = bootstrapR0(expected, school, N, 6, 3);
    const R0 = boot.R0;
    expect(doc.seed).toBe(3);
    expect(doc.bootstrap).toEqual({ samples: 6, low: boot.low, high: boot.high, median: (R0[2]! + R0[3]!) / 2, redrawn: boot.redrawn });
  });

  it('CSV: the fit and the bootstrap as comment lines, then rows that read back to the same numbers', async () => {
    const r = await simInProcess(['--bootstrap=3', '--seed=5', '--format=csv']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const comments = lines.filter((l) => l.startsWith('# '));
    const table = lines.filter((l) => !l.startsWith('#'));
    expect(comments).toContain(`# source: ${boardingSchool1978.source}`);
    expect(comments).toContain('# population N: 763');
    expect(comments).toContain('# generator: gakusai sim CLI');
    expect(comments).toContain('# bootstrap seed: 5');
    const boot = bootstrapR0(expected, school, N, 3, 5);
    const fit = expectedFitBlock();
    expect(csvQuantities(r.stdout)).toEqual({
      ...Object.fromEntries(Object.entries(fit).map(([k, v]) => [`fit ${k}`, v])),
      'bootstrap samples': 3, 'bootstrap low': boot.low, 'bootstrap high': boot.high, 'bootstrap median': boot.R0[1], 'bootstrap redrawn': boot.redrawn,
    });
    expect(table[0]).toBe('day,count,fitted,residual');
    expect(table.slice(1).map((row) => row.split(',').map(Number))).toEqual(
      school.day.map((d, i) => [d, school.count[i], expected.fitted[i], expected.residuals[i]]),
    );
  });

  it('--N changes the population the shipped data are fitted in', async () => {
    const r = await simInProcess(['--N=1000', '--bootstrap=0']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as FitDoc;
    expect(doc.N).toBe(1000);
    expect(doc.fit).toEqual(expectedFitBlock(fitSir(school, 1000)));
  });
});

describe('your own data (--data)', () => {
  it('a file: the same fit as the same counts shipped; the file is the source', async () => {
    const text = `# the school again\n${schoolCsv}`;
    const r = await simInProcess(['--data=school.csv', '--N=763', '--bootstrap=0'], { 'school.csv': text });
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as FitDoc;
    expect(doc.source).toBe('school.csv');
    expect(doc.fit).toEqual(expectedFitBlock());
  });

  it('a real file and standard input (--data=-), through the process', () => {
    const file = join(tmp, 'counts.csv');
    writeFileSync(file, schoolCsv);
    const fromFile = JSON.parse(sim([`--data=${file}`, '--N=763', '--bootstrap=0']).stdout) as FitDoc;
    expect(fromFile.source).toBe(file);
    expect(fromFile.fit).toEqual(expectedFitBlock());
    const fromStdin = sim(['--data=-', '--N=763', '--bootstrap=0'], schoolCsv);
    expect(fromStdin.status).toBe(0);
    const doc = JSON.parse(fromStdin.stdout) as FitDoc;
    expect(doc.source).toBe('standard input');
    expect(doc.fit).toEqual(expectedFitBlock());
  });

  it('a byte-order mark (spreadsheets) does not hide the first row', async () => {
    const rows = schoolCsv.split('\n').slice(1).join('\n');
    const r = await simInProcess(['--data=bom.csv', '--N=763', '--bootstrap=0'], { 'bom.csv': `\uFEFF${rows}` });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as FitDoc).series['day']).toEqual(school.day);
  });

  it('a bad line: exit 2 and the file and line named', () => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, 'day,count\n1,3\n2,8\n3,26\n\n# a comment\n4,many\n5,225\n');
    const r = sim([`--data=${file}`, '--N=763']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: ${file}: line 7: the count must be a whole number ≥ 0, got "many"\n`);
  });

  it('--data without --N: exit 2, the flag named', () => {
    const file = join(tmp, 'fine.csv');
    writeFileSync(file, schoolCsv);
    const r = sim([`--data=${file}`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: --N: required with --data (the size of the population the counts come from)\n');
  });

  it('a file that cannot be read: exit 2 with the reason', () => {
    const missing = join(tmp, 'no-such.csv');
    const r = sim([`--data=${missing}`, '--N=100']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: --data: cannot read ${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ENOENT`));
  });

  const refused: [string, string[], string, RegExp][] = [
    ['too few days', ['--data=f.csv', '--N=100'], '1,2\n2,3\n3,4\n', /^error: f\.csv: need at least 4 days of data/],
    ['days out of order', ['--data=f.csv', '--N=100'], '1,2\n2,3\n2,4\n3,1\n', /^error: f\.csv: line 3: days must increase/],
    ['no outbreak', ['--data=f.csv', '--N=100'], '1,0\n2,0\n3,0\n4,0\n', /^error: f\.csv: every count is 0; there is no outbreak to fit$/],
    ['fewer people than counted', ['--data=f.csv', '--N=10'], '1,2\n2,30\n3,4\n4,1\n', /^error: --N must be at least the largest count in the data, 30 \(got 10\)$/],
  ];
  for (const [name, args, text, message] of refused) {
    it(`${name}: exit 2`, async () => {
      const r = await simInProcess(args, { 'f.csv': text });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toMatch(message);
    });
  }
});

describe('flags', () => {
  const cases: [string, string[], RegExp][] = [
    ['N below the largest count', ['--N=200'], /^error: --N must be at least the largest count in the data, 298 \(got 200\)$/],
    ['N fractional', ['--N=763.5'], /^error: --N must be a whole number, not 763.5$/],
    ['N too large', ['--N=2e9'], /^error: --N must be at most 1000000000 \(got 2e9\)$/],
    ['N not a number', ['--N=many'], /^error: --N must be a number, not “many”$/],
    ['bootstrap negative', ['--bootstrap=-1'], /^error: --bootstrap must be at least 0 \(got -1\)$/],
    ['bootstrap too many', ['--bootstrap=2001'], /^error: --bootstrap must be at most 2000 \(got 2001\)$/],
    ['bootstrap fractional', ['--bootstrap=2.5'], /^error: --bootstrap must be a whole number, not 2.5$/],
    ['seed out of range', ['--seed=4294967296'], /^error: --seed must be at most 4294967295/],
    ['bad format', ['--format=xml'], /^error: --format must be one of json, csv, not “xml”$/],
    ['empty data', ['--data='], /^error: --data: needs a file name/],
    ['empty out', ['--out='], /^error: --out: needs a file name/],
    ['no value', ['--N'], /^error: --N: needs a value/],
    ['unknown flag, with a suggestion', ['--n=763'], /^error: --n: not a flag of sir-fit \(did you mean --N\?\); see npm run sim -- sir-fit --help$/],
    ['an engine flag', ['--steps=3'], /^error: --steps: not a flag of sir-fit;/],
    ['given twice', ['--seed=1', '--seed=2'], /^error: --seed: given more than once$/],
    ['positional junk', ['school.csv'], /^error: unexpected argument "school.csv"/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: ${args.join(' ')} is exit 2`, async () => {
      const r = await simInProcess(args);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')[0]).toMatch(message);
    });
  }

  it('--out writes the file and nothing to stdout', async () => {
    const r = await simInProcess(['--bootstrap=0', '--format=csv', '--out=fit.csv']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.written['fit.csv']).toMatch(/^# Gakusai SIR fit to daily counts\n/);
  });

  it('a bootstrap that cannot be done is exit 1 (a falling epidemic: R0 < 1, every synthetic one dies out)', async () => {
    const r = await simInProcess(['--data=f.csv', '--N=1000', '--bootstrap=2'], { 'f.csv': '0,10\n1,8\n2,6\n3,5\n4,4\n5,3\n' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: sir-fit: the computation failed: the fitted epidemic \(R0 = [\d.]+\) almost always dies out/);
  });
});

describe('help', () => {
  it('sir-fit --help: usage, every flag, examples', () => {
    const r = sim(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Usage: npm run sim -- sir-fit [--data=FILE] [--N=POPULATION] [--bootstrap=SAMPLES] [--seed=N] [--format=json|csv] [--out=FILE]');
    for (const flag of ['--data=FILE', '--N=POPULATION', '--bootstrap=SAMPLES', '--seed=N', '--format=FORMAT', '--out=FILE', '-h, --help']) {
      expect(r.stdout).toMatch(new RegExp(`^ +${flag.replace(/[|]/g, '\\|')} `, 'm'));
    }
    expect(r.stdout).toContain('npm run sim -- sir-fit --bootstrap=1000 --seed=7 --format=csv --out=school-fit.csv');
  });

  it('the general help names the command', async () => {
    let out = '';
    const io: Io = { stdout: (t) => void (out += t), stderr: () => undefined, writeFile: () => undefined, readFile: () => '', readStdin: () => '' };
    expect(await main(['--help'], io)).toBe(0);
    expect(out).toContain('npm run sim -- sir-fit [--data=FILE]');
    expect(out).toMatch(/^ +sir-fit +fit the SIR model/m);
  });
});

describe('fitToCsv', () => {
  it('keeps every comment on one line and needs as many fitted values as days', () => {
    const text = fitToCsv({ data: school, N, source: 'a file\nwith two lines', fit: expected });
    expect(text).toContain('\n# source: a file with two lines\n');
    expect(text).not.toContain('# generator');
    expect(text).not.toContain('# bootstrap');
    expect(() => fitToCsv({ data: school, N, source: '', fit: { ...expected, fitted: expected.fitted.slice(1) } })).toThrow(/differ in number/);
  });

  it('is what the CLI writes (the widget\'s download and the CLI give the same file)', async () => {
    const r = await simInProcess(['--bootstrap=0', '--out=fit.csv', '--format=csv']);
    expect(r.written['fit.csv']).toBe(fitToCsv({ data: school, N, source: boardingSchool1978.source, fit: expected, generator: 'gakusai sim CLI' }));
  });
});
