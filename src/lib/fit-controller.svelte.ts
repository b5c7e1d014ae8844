/**
 * The fit widget's state: which data (the 1978 boarding school, or the reader's own `day,count`
 * lines), the population, the bootstrap seed; the least-squares fit (one task in a worker) and
 * the parametric bootstrap (spread over the pool, filling in as it comes). Bad input is refused
 * with a message naming the line, in the page's language, and the last good fit stays on screen.
 */
import { isValidSeed, SEED_MAX } from '../../simulations/core/engine.ts';
import { boardingSchool1978, boardingSchoolCounts as SCHOOL } from '../../simulations/sir-fit/data.ts';
import { CountsError, MAX_POPULATION, MIN_DAYS, parseDailyCounts, summarizeBootstrap, type Bootstrap, type CountsProblem, type DailyCounts, type SirFit } from '../../simulations/sir-fit/counts.ts';
import type { FitOutput } from '../../simulations/sir-fit/tasks.ts';
import { t, type Lang } from '../i18n/index.ts';
import { runTask, spreadTask, type PoolJob } from './engine-client.ts';
import { fitToCsv } from './fit-csv.ts';
import { href } from './routes.ts';
import { EMBED_ID, widgetKeys, withWidgetKeys } from './url-state.ts';
import { ot } from '../i18n/outbreaks.ts';

export type FitStatus = 'loading' | 'running' | 'done' | 'error';
export type FitSource = 'school' | 'own';

/** Synthetic epidemics in the bootstrap: the 2.5 % and 97.5 % points rest on 5 samples each. */
export const BOOTSTRAP_SAMPLES = 200;
/** Samples per message to a worker (each is a stochastic run and a refit, ~40 ms). */
const BOOTSTRAP_BATCH = 5;
/** Own data longer than this is refused before parsing (no outbreak has a million days). */
const MAX_TEXT = 200_000;

/** The boarding-school data as `day,count` lines: what the "your own data" box starts with. */
export const SCHOOL_CSV = ['day,count', ...SCHOOL.day.map((d, i) => `${d},${SCHOOL.count[i]}`)].join('\n');

export function describeCountsProblem(lang: Lang, p: CountsProblem): string {
  switch (p.code) {
    case 'columns':
      return ot(lang, 'fit.error.columns', { line: p.line, got: p.got });
    case 'day':
      return ot(lang, 'fit.error.day', { line: p.line, value: p.value });
    case 'count':
      return ot(lang, 'fit.error.count', { line: p.line, value: p.value });
    case 'order':
      return ot(lang, 'fit.error.order', { line: p.line, day: p.day, previous: p.previous });
    case 'too-few':
      return ot(lang, 'fit.error.tooFew', { got: p.got, min: MIN_DAYS });
  }
}

/** `1:3;2:8;…` — own data in the URL, compact and free of characters that need escaping. */
export function encodeCounts(d: DailyCounts): string {
  return d.day.map((x, i) => `${x}:${d.count[i]}`).join(';');
}

export function decodeCounts(text: string): DailyCounts | undefined {
  if (text.length > 4000 || !/^\d{1,6}:\d{1,9}(;\d{1,6}:\d{1,9})*$/.test(text)) return undefined;
  try {
    return parseDailyCounts(text.replace(/;/g, '\n').replace(/:/g, ','));
  } catch {
    return undefined;
  }
}

export class FitController {
  readonly lang: Lang;
  readonly widgetId: string;

  source = $state<FitSource>('school');
  /** The text in the "your own data" box (kept when the reader switches back to the school). */
  ownText = $state(SCHOOL_CSV);
  /** The population of the reader's data (the school's is 763). */
  ownN = $state<number>(boardingSchool1978.population);
  seed = $state(1);

  status = $state<FitStatus>('loading');
  error = $state<string | undefined>(undefined);
  notices = $state<string[]>([]);
  /** Messages beside the inputs: the data box, the population field, the seed field. */
  inputErrors = $state<{ data?: string | undefined; N?: string | undefined; seed?: string | undefined }>({});

  /** The data and population of the fit on screen. */
  data = $state.raw<DailyCounts>(SCHOOL);
  N = $state<number>(boardingSchool1978.population);
  result = $state.raw<FitOutput | undefined>(undefined);
  samples = $state.raw<number[]>([]);
  bootstrap = $state.raw<Bootstrap | undefined>(undefined);

  private job: PoolJob | undefined;
  private generation = 0;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(lang: Lang, widgetId: string) {
    this.lang = lang;
    this.widgetId = widgetId;
  }

  get fit(): SirFit | undefined {
    return this.result?.fit;
  }

  start(): void {
    this.readUrl(location.search);
    void this.useSource(this.source);
  }

  private readUrl(search: string): void {
    const values = widgetKeys(search, this.widgetId);
    const key = (k: string) => values[k] ?? null;
    const notices: string[] = [];
    const problem = (param: string, value: string) => notices.push(ot(this.lang, 'fit.widget.urlProblem', { param, value: value.slice(0, 40) }));
    const data = key('data');
    if (data !== null) {
      const d = decodeCounts(data);
      if (d) {
        this.source = 'own';
        this.ownText = ['day,count', ...d.day.map((x, i) => `${x},${d.count[i]}`)].join('\n');
      } else problem('data', data);
    }
    const n = key('N');
    if (n !== null) {
      if (/^\d{1,10}$/.test(n) && Number(n) >= 1 && Number(n) <= MAX_POPULATION) this.ownN = Number(n);
      else problem('N', n);
    }
    const seed = key('seed');
    if (seed !== null) {
      if (/^\d{1,10}$/.test(seed) && isValidSeed(Number(seed))) this.seed = Number(seed);
      else problem(t(this.lang, 'widget.seed'), seed);
    }
    this.notices = notices;
  }

  /** This widget's state as URL keys (own data and population only when used). */
  private stateEntries(): [string, string][] {
    const entries: [string, string][] = [];
    if (this.source === 'own') entries.push(['data', encodeCounts(this.data)], ['N', String(this.N)]);
    entries.push(['seed', String(this.seed)]);
    return entries;
  }

  private syncUrlSoon(): void {
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => {
      const search = withWidgetKeys(location.search, this.widgetId, this.stateEntries());
      history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
    }, 250);
  }

  /** Switches between the school and the reader's data; the reader's data is checked first. */
  async useSource(source: FitSource): Promise<void> {
    this.source = source;
    if (source === 'school') {
      this.inputErrors = {};
      await this.fitData(SCHOOL, boardingSchool1978.population);
      return;
    }
    await this.fitOwn();
  }

  /** Checks the box and the population; fits only if both are good (otherwise says why, beside them). */
  async fitOwn(): Promise<void> {
    const errors: FitController['inputErrors'] = {};
    let data: DailyCounts | undefined;
    if (this.ownText.length > MAX_TEXT) errors.data = ot(this.lang, 'fit.error.tooLong', { max: MAX_TEXT });
    else {
      try {
        data = parseDailyCounts(this.ownText);
      } catch (e) {
        if (!(e instanceof CountsError)) throw e;
        errors.data = describeCountsProblem(this.lang, e.problem);
      }
    }
    const N = this.ownN;
    const most = data ? Math.max(...data.count) : 0;
    if (!Number.isInteger(N) || N < 1 || N > MAX_POPULATION) errors.N = ot(this.lang, 'fit.error.population', { max: MAX_POPULATION });
    else if (data && most > N) errors.N = ot(this.lang, 'fit.error.populationSmall', { most });
    if (data && most === 0) errors.data = ot(this.lang, 'fit.error.allZero');
    this.inputErrors = errors;
    if (errors.data || errors.N || !data) return;
    await this.fitData(data, N);
  }

  /** Reads a file the reader chose into the box and fits it. */
  async loadFile(file: File): Promise<void> {
    if (file.size > MAX_TEXT) {
      this.inputErrors = { ...this.inputErrors, data: ot(this.lang, 'fit.error.tooLong', { max: MAX_TEXT }) };
      return;
    }
    try {
      this.ownText = await file.text();
    } catch {
      this.inputErrors = { ...this.inputErrors, data: ot(this.lang, 'fit.error.unreadable', { name: file.name }) };
      return;
    }
    this.source = 'own';
    await this.fitOwn();
  }

  setSeed(seed: number): boolean {
    if (!isValidSeed(seed)) {
      this.inputErrors = { ...this.inputErrors, seed: t(this.lang, 'seed.error', { max: SEED_MAX }) };
      return false;
    }
    this.inputErrors = { ...this.inputErrors, seed: undefined };
    this.seed = seed;
    if (this.result) this.startBootstrap(this.data, this.N, this.result.fit);
    this.syncUrlSoon();
    return true;
  }

  /** Fits, then starts the bootstrap; a newer request makes an older one's results irrelevant. */
  private async fitData(data: DailyCounts, N: number): Promise<void> {
    const generation = ++this.generation;
    this.job?.cancel();
    this.status = 'running';
    this.error = undefined;
    try {
      const result = await runTask('sir-fit', { day: data.day, count: data.count, N });
      if (generation !== this.generation) return;
      this.data = data;
      this.N = N;
      this.result = result;
      this.syncUrlSoon();
      this.startBootstrap(data, N, result.fit);
    } catch (e) {
      if (generation !== this.generation) return;
      this.status = 'error';
      this.error = (e instanceof Error ? e.message : String(e)).replace(/[.。]\s*$/, '');
    }
  }

  private startBootstrap(data: DailyCounts, N: number, fit: SirFit): void {
    const generation = ++this.generation;
    this.job?.cancel();
    this.samples = [];
    this.bootstrap = undefined;
    this.status = 'running';
    const parts: { from: number; R0: number[]; redrawn: number }[] = [];
    const seed = this.seed;
    // The fit as plain data (its arrays are not needed by the bootstrap, but must be cloneable).
    const plainFit: SirFit = { ...fit, fitted: [...fit.fitted], residuals: [...fit.residuals] };
    const job = spreadTask(
      'sir-fit-bootstrap',
      BOOTSTRAP_SAMPLES,
      BOOTSTRAP_BATCH,
      (from, to) => ({ day: data.day, count: data.count, N, fit: plainFit, from, to, seed }),
      (part, from) => {
        if (generation !== this.generation) return;
        parts.push({ from, ...part });
        this.samples = [...this.samples, ...part.R0];
      },
    );
    this.job = job;
    job.done.then(
      (complete) => {
        if (generation !== this.generation || !complete) return;
        // In sample order, as the CLI and the tests compute it.
        parts.sort((a, b) => a.from - b.from);
        this.bootstrap = summarizeBootstrap(parts);
        this.status = 'done';
      },
      (e: unknown) => {
        if (generation !== this.generation) return;
        this.status = 'error';
        this.error = (e instanceof Error ? e.message : String(e)).replace(/[.。]\s*$/, '');
      },
    );
  }

  /** Tries again after an error, with the same inputs. */
  retry(): void {
    void (this.source === 'school' ? this.useSource('school') : this.fitOwn());
  }

  sourceText(): string {
    return this.source === 'school' ? boardingSchool1978.source : ot(this.lang, 'fit.widget.ownSource');
  }

  csv(): string | undefined {
    const r = this.result;
    if (!r) return undefined;
    return fitToCsv({
      data: this.data,
      N: this.N,
      source: this.sourceText(),
      fit: r.fit,
      ...(this.bootstrap ? { bootstrap: { ...this.bootstrap, samples: BOOTSTRAP_SAMPLES, seed: this.seed } } : {}),
      generator: location.href,
    });
  }

  /** The CLI line that repeats this fit (own data: saved first as a file of that name). */
  cliLine(): string {
    const data = this.source === 'own' ? [`--data=${this.widgetId}-data.csv`, `--N=${this.N}`] : [];
    return ['npm run sim -- sir-fit', ...data, `--bootstrap=${BOOTSTRAP_SAMPLES}`, `--seed=${this.seed}`, '--format=csv', `--out=${this.widgetId}.csv`].join(' ');
  }

  /** The iframe code that shows this widget, in its current state, on another page or a slide. */
  embedCode(): string {
    const src = `${location.origin}${href(this.lang, 'embed/sir-fit/')}${withWidgetKeys('', EMBED_ID, this.stateEntries())}`;
    const title = t(this.lang, 'fit.widget.label').replace(/"/g, '&quot;');
    return `<iframe src="${src.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" title="${title}" width="100%" height="1100" style="border:0" loading="lazy" allow="fullscreen; clipboard-write" allowfullscreen></iframe>`;
  }

  /** A link that opens this page with this widget in its current state. */
  link(): string {
    return `${location.origin}${location.pathname}${withWidgetKeys(location.search, this.widgetId, this.stateEntries())}#${this.widgetId}`;
  }

  destroy(): void {
    clearTimeout(this.urlTimer);
    this.job?.cancel();
  }
}
