/**
 * src/lib/csv.ts: the header comments record what made the data; the table reads back exactly.
 * The file is parsed here by an independent RFC 4180 reader, not by anything in src/.
 */
import { describe, expect, it } from 'vitest';
import { defineSpec, runToEnd, type Frame } from '../../simulations/core/engine.ts';
import { defaultsOf, validateParams } from '../../simulations/core/params.ts';
import { sirEngine } from '../../simulations/sir/index.ts';
import { sirSpec } from '../../simulations/sir/spec.ts';
import { csvField, csvNumber, framesToCsv, summaryToCsvComments } from '../../src/lib/csv.ts';

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks); `#` lines skipped. */
function parseCsv(text: string): { comments: string[]; rows: string[][] } {
  const comments: string[] = [];
  const rows: string[][] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '#') {
      const end = text.indexOf('\n', i);
      comments.push(text.slice(i, end < 0 ? text.length : end));
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else field += text[i++];
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new Error(`bare quote in unquoted field at ${i}`);
          field += text[i++];
        }
      }
      row.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      else if (i < text.length) throw new Error(`junk after field at ${i}`);
      break;
    }
    rows.push(row);
  }
  return { comments, rows };
}

function sirRun(over: Record<string, unknown> = {}): { params: Record<string, unknown>; frame: Frame } {
  const v = validateParams(sirSpec.params, over, sirSpec.crossCheck);
  if (!v.ok) throw new Error('bad test params');
  const inst = sirEngine.create(v.params, 1);
  runToEnd(inst, 1000);
  return { params: v.params, frame: inst.observe() };
}

describe('framesToCsv on a real SIR run', () => {
  const { params, frame } = sirRun({ model: 'SEIR', vaccinated: 0.2, tMax: 60, outputInterval: 0.37 });
  const text = framesToCsv({ engine: sirEngine, params, seed: 42, frame, generator: 'gakusai sim CLI' });
  const { comments, rows } = parseCsv(text);

  it('starts with comment lines that record engine, version, seed, params, generator and units', () => {
    expect(text.startsWith('# ')).toBe(true);
    for (const c of comments) expect(c.startsWith('# ')).toBe(true);
    expect(comments).toContain('# engine: sir (SIR / SEIR epidemic model)');
    expect(comments).toContain(`# engine version: ${sirEngine.version}`);
    expect(comments).toContain('# seed: 42');
    expect(comments).toContain('# generator: gakusai sim CLI');
    expect(comments).toContain('# units: t=day, S=people, E=people, I=people, R=people, V=people');
    expect(comments).toContain('# column I: Infectious I [people]');
    const p = comments.find((c) => c.startsWith('# params: '));
    expect(p).toBeDefined();
    const recorded = JSON.parse((p as string).slice('# params: '.length)) as Record<string, unknown>;
    expect(recorded).toEqual(params);
    expect(recorded['model']).toBe('SEIR');
    expect(p).not.toMatch(/\n| {2}/); // compact JSON on one line
  });

  it('records the summary as comments, exactly', () => {
    for (const [name, value] of Object.entries(frame.summary)) {
      const line = comments.find((c) => c.startsWith(`# summary ${name}: `));
      expect(line, name).toBeDefined();
      const num = Number((line as string).slice(`# summary ${name}: `.length).split(' ')[0]);
      expect(Object.is(num, value), name).toBe(true);
    }
    expect(comments).toContain(`# summary herdImmunityThreshold: ${String(frame.summary['herdImmunityThreshold'])} [fraction] Herd-immunity threshold 1 − 1/R₀`);
    expect(summaryToCsvComments(sirEngine, frame).every((l) => comments.includes(l))).toBe(true);
  });

  it('has the header row t,S,E,I,R,V and one row per observation, numbers exact', () => {
    expect(rows[0]).toEqual(['t', 'S', 'E', 'I', 'R', 'V']);
    expect(text).toContain('\nt,S,E,I,R,V\n');
    expect(rows.length - 1).toBe(frame.length);
    expect(frame.length).toBe(Math.floor(60 / 0.37) + 1);
    for (let r = 0; r < frame.length; r++) {
      const row = rows[r + 1] as string[];
      expect(row.length).toBe(6);
      ['t', 'S', 'E', 'I', 'R', 'V'].forEach((name, c) => {
        const back = Number(row[c]);
        const orig = (frame.series[name] as Float64Array)[r] as number;
        if (!Object.is(back, orig)) expect.fail(`row ${r} ${name}: ${row[c]} reads back as ${back}, not ${orig}`);
      });
    }
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toContain('\r');
  });

  it('ignores buffer entries past the frame length', () => {
    const series: Record<string, Float64Array> = {};
    for (const [name, col] of Object.entries(frame.series)) {
      const big = new Float64Array(frame.length + 5).fill(123456);
      big.set(col.subarray(0, frame.length));
      series[name] = big;
    }
    expect(framesToCsv({ engine: sirEngine, params, seed: 42, frame: { ...frame, series }, generator: 'gakusai sim CLI' })).toBe(text);
  });

  it('accepts the spec alone (what a page has) and gives the same text', () => {
    expect(framesToCsv({ engine: sirSpec, params, seed: 42, frame, generator: 'gakusai sim CLI' })).toBe(text);
  });

  it('leaves out the generator line when none is given, and the summary on request', () => {
    const bare = framesToCsv({ engine: sirEngine, params, seed: 42, frame, summary: false });
    expect(bare).not.toContain('# generator');
    expect(bare).not.toContain('# summary');
    expect(parseCsv(bare).rows).toEqual(rows);
  });
});

describe('CSV details', () => {
  it('numbers round-trip exactly, including extremes and −0', () => {
    for (const x of [0, -0, 1, -1.5, 0.1 + 0.2, 1 / 3, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1.2345678901234568e20, 1e21, 1e-7, Math.PI]) {
      expect(Object.is(Number(csvNumber(x)), x), String(x)).toBe(true);
    }
    expect(csvNumber(-0)).toBe('-0');
    expect(csvNumber(1e21)).toBe('1e+21');
  });

  it('quotes fields per RFC 4180 only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(2.5)).toBe('2.5');
  });

  it('quoted column names read back, and comment lines stay single lines', () => {
    const odd = defineSpec({
      ...sirSpec,
      id: 'odd',
      params: {},
      crossCheck: undefined as never,
      presets: {},
      observables: {
        series: {
          'x,y': { label: 'sir.obs.t', unit: 'day' },
          'say "hi"': { label: 'sir.obs.S', unit: '' },
          'two\nlines': { label: 'no.such.key', unit: 'people' },
        },
        summary: {},
      },
    });
    const frame: Frame = {
      work: 1, progress: 1, done: true, length: 2, summary: {},
      series: { 'x,y': Float64Array.of(0, 1), 'say "hi"': Float64Array.of(-0, 0.1), 'two\nlines': Float64Array.of(3, 4) },
    };
    const text = framesToCsv({ engine: odd, params: {}, seed: 0, frame, generator: 'https://example.org/page\nINJECTED' });
    const { comments, rows } = parseCsv(text);
    expect(rows).toEqual([['x,y', 'say "hi"', 'two\nlines'], ['0', '-0', '3'], ['1', '0.1', '4']]);
    expect(comments).toContain('# generator: https://example.org/page INJECTED');
    expect(comments.some((c) => c.includes('=1'))).toBe(true); // the dimensionless unit is written 1
    expect(comments).toContain('# column two lines: no.such.key [people]'); // unknown label keys stay keys
  });

  it('throws when the frame lacks a series of the schema', () => {
    const { params, frame } = sirRun({ tMax: 2 });
    const series = { ...frame.series };
    delete series['R'];
    expect(() => framesToCsv({ engine: sirEngine, params, seed: 1, frame: { ...frame, series } })).toThrow(/no series R/);
  });

  it('writes the defaults run of the lesson: 401 rows after the header', () => {
    const { params, frame } = sirRun();
    expect(params).toEqual(defaultsOf(sirSpec.params));
    const { rows } = parseCsv(framesToCsv({ engine: sirEngine, params, seed: 1, frame }));
    expect(rows.length).toBe(402);
    expect(rows[1]).toEqual(['0', '999990', '0', '10', '0', '0']);
  });
});
