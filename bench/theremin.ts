/**
 * The theremin lesson's two speed questions: how long the field solver takes for a whole
 * pitch-versus-distance curve (30 hand positions) in a worker, and how much faster than real
 * time the AudioWorklet renders the instrument's sound (OfflineAudioContext in Chromium).
 */
import { Worker } from 'node:worker_threads';
import { chromium } from 'playwright';
import { launchOptions } from '../test/browser.ts';
import { errorMessage, type Metric } from './report.ts';

/** Timed requests after the warm-up (each is a whole second of solving). */
const CURVE_REPS = 3;
const RENDER_SECONDS = 20;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall time from request to answer, in a worker thread, after one warm-up request. */
export async function fieldCurveMetric(): Promise<Metric> {
  const id = 'engine.thereminField.curveSeconds';
  const name = 'theremin-field: 30-position curve in a worker';
  const worker = new Worker(new URL('./theremin-worker.ts', import.meta.url));
  try {
    const ask = () =>
      new Promise<number>((resolve, reject) => {
        const t0 = performance.now();
        worker.once('message', () => resolve((performance.now() - t0) / 1000));
        worker.once('error', reject);
        worker.postMessage({});
      });
    const warm = await ask();
    const times: number[] = [];
    for (let i = 0; i < CURVE_REPS; i++) times.push(await ask());
    return { id, name, value: median(times), unit: 's', budget: { kind: 'max', limit: 3 }, detail: { firstIncludingLoad: warm, reps: times } };
  } catch (err) {
    return { id, name, value: null, unit: 's', error: errorMessage(err) };
  } finally {
    await worker.terminate();
  }
}

/** Seconds of sound per second of rendering, for the worklet, in Chromium against the built site. */
export async function workletRenderMetric(origin: string): Promise<Metric> {
  const id = 'worklet.theremin.realTimeFactor';
  const name = 'theremin worklet: render speed (OfflineAudioContext)';
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}/en/embed/theremin/`);
    const url = await page.locator('[data-worklet-url]').getAttribute('data-worklet-url');
    if (!url) throw new Error('no data-worklet-url on the instrument');
    const elapsed = await page.evaluate(
      async ({ url, seconds }) => {
        const rate = 48_000;
        const ctx = new OfflineAudioContext(1, rate * seconds, rate);
        await ctx.audioWorklet.addModule(url);
        const hand = { gap: Float64Array.from([0.01, 0.1, 0.6]), capacitance: Float64Array.from([1.5e-12, 0.42e-12, 0.048e-12]) };
        const node = new AudioWorkletNode(ctx, 'theremin', {
          numberOfInputs: 0, outputChannelCount: [1],
          processorOptions: {
            pitch: { inductance: 2e-3, tankCapacitance: 100e-12, antennaCapacitance: 10e-12, coilInductance: 0, coilResistance: 0 },
            volume: { driveFrequency: 515e3, quality: 100, capacitance: 20e-12 },
            pitchHand: hand, volumeHand: hand, mixLevel: 0.8, filterCutoff: 8000,
          },
        });
        // A hand sweeping back and forth, so the pitch glides the whole time.
        const gap = node.parameters.get('pitchGap')!;
        for (let t = 0; t < seconds; t += 0.5) gap.linearRampToValueAtTime(t % 1 < 0.5 ? 3 : 40, t);
        node.connect(ctx.destination);
        const t0 = performance.now();
        await ctx.startRendering();
        return (performance.now() - t0) / 1000;
      },
      { url, seconds: RENDER_SECONDS },
    );
    return { id, name, value: RENDER_SECONDS / elapsed, unit: '× real time', budget: { kind: 'min', limit: 10 }, detail: { renderedSeconds: RENDER_SECONDS, elapsed } };
  } catch (err) {
    return { id, name, value: null, unit: '× real time', error: errorMessage(err) };
  } finally {
    await browser.close();
  }
}
