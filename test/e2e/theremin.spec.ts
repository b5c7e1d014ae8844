/**
 * The theremin lesson's widgets on their embed pages, and its sound: the AudioWorklet rendered by
 * an OfflineAudioContext in Chromium, its pitch measured from the samples.
 */
import { expect, test, type Page } from '@playwright/test';
import { beatFrequency } from '../../simulations/theremin-circuit/circuit.ts';
import { pitchCircuitOf, VOLUME_TANK } from '../../simulations/theremin-circuit/values.ts';
import { handCapacitanceAt } from '../../simulations/theremin-circuit/voice.ts';
import { watchErrors } from './helpers.ts';

/** A hand curve of the field solver's shape (gaps in m, capacitances in F), sent to the worklet. */
const CURVE = { gap: [0.01, 0.03, 0.1, 0.3, 0.6], capacitance: [1.5e-12, 0.9e-12, 0.42e-12, 0.13e-12, 0.048e-12] };
const PITCH = pitchCircuitOf({ inductance: 2, tankCapacitance: 100, antennaCapacitance: 10, coil: false, coilInductance: 24 });
const RATE = 48_000;

async function workletUrl(page: Page): Promise<string> {
  await page.goto('/en/embed/theremin/');
  const url = await page.locator('[data-worklet-url]').getAttribute('data-worklet-url');
  expect(url).toBeTruthy();
  return url!;
}

test('the worklet sounds the model’s pitch within 1 % at several hand positions (OfflineAudioContext)', async ({ page }) => {
  const url = await workletUrl(page);
  const gapsCm = [3, 8, 20, 45];
  const measured = await page.evaluate(
    async ({ url, curve, pitch, volume, gapsCm, rate }) => {
      const out: number[] = [];
      for (const gap of gapsCm) {
        const ctx = new OfflineAudioContext(1, rate, rate);
        await ctx.audioWorklet.addModule(url);
        const hand = { gap: Float64Array.from(curve.gap), capacitance: Float64Array.from(curve.capacitance) };
        const node = new AudioWorkletNode(ctx, 'theremin', {
          numberOfInputs: 0, outputChannelCount: [1],
          processorOptions: { pitch, volume, pitchHand: hand, volumeHand: hand, mixLevel: 0.8, filterCutoff: 8000 },
        });
        node.parameters.get('pitchGap')!.value = gap;
        node.parameters.get('volumeGap')!.value = 60;
        node.connect(ctx.destination);
        const x = (await ctx.startRendering()).getChannelData(0);
        // Upward zero crossings after the first 0.1 s, interpolated between samples.
        let n = 0, first = 0, last = 0;
        for (let i = rate / 10; i < x.length; i++) {
          if (x[i - 1]! < 0 && x[i]! >= 0) {
            const t = i - x[i]! / (x[i]! - x[i - 1]!);
            if (n === 0) first = t;
            last = t;
            n++;
          }
        }
        out.push(((n - 1) / (last - first)) * rate);
      }
      return out;
    },
    { url, curve: CURVE, pitch: PITCH, volume: VOLUME_TANK, gapsCm, rate: RATE },
  );
  const hand = { gap: Float64Array.from(CURVE.gap), capacitance: Float64Array.from(CURVE.capacitance) };
  gapsCm.forEach((gap, i) => {
    const expected = beatFrequency(PITCH, handCapacitanceAt(hand, gap / 100));
    expect(Math.abs(measured[i]! / expected - 1), `${gap} cm: ${measured[i]} Hz against ${expected} Hz`).toBeLessThan(0.01);
  });
});

test('a hand move scheduled with suspend() at frame k is heard by frame k + 128, and not before k', async ({ page }) => {
  const url = await workletUrl(page);
  const k = 128 * 40;
  const { firstDifference } = await page.evaluate(
    async ({ url, curve, pitch, volume, rate, k }) => {
      async function render(move: boolean): Promise<Float32Array> {
        const ctx = new OfflineAudioContext(1, rate / 4, rate);
        await ctx.audioWorklet.addModule(url);
        const hand = { gap: Float64Array.from(curve.gap), capacitance: Float64Array.from(curve.capacitance) };
        const node = new AudioWorkletNode(ctx, 'theremin', {
          numberOfInputs: 0, outputChannelCount: [1],
          processorOptions: { pitch, volume, pitchHand: hand, volumeHand: hand, mixLevel: 0.8, filterCutoff: 8000 },
        });
        const gap = node.parameters.get('pitchGap')!;
        gap.value = 30;
        node.parameters.get('volumeGap')!.value = 60;
        node.connect(ctx.destination);
        if (move) {
          void ctx.suspend(k / rate).then(() => {
            gap.setValueAtTime(5, ctx.currentTime);
            void ctx.resume();
          });
        }
        return (await ctx.startRendering()).getChannelData(0);
      }
      const still = await render(false);
      const moved = await render(true);
      let firstDifference = -1;
      for (let i = 0; i < still.length; i++) {
        if (still[i] !== moved[i]) {
          firstDifference = i;
          break;
        }
      }
      return { firstDifference };
    },
    { url, curve: CURVE, pitch: PITCH, volume: VOLUME_TANK, rate: RATE, k },
  );
  expect(firstDifference).toBeGreaterThanOrEqual(k);
  expect(firstDifference).toBeLessThanOrEqual(k + 128);
});

test('the instrument: sliders move the hands, the note and the melody follow, and sound starts only on request', async ({ page }) => {
  const { errors } = watchErrors(page);
  // Count the AudioContexts the page makes: none may exist before the reader asks for sound.
  await page.addInitScript(() => {
    const Base = window.AudioContext;
    const counter = { made: 0 };
    (window as unknown as { audioContextsMade: typeof counter }).audioContextsMade = counter;
    window.AudioContext = class extends Base {
      constructor(options?: AudioContextOptions) {
        super(options);
        counter.made++;
      }
    };
  });
  const made = () => page.evaluate(() => (window as unknown as { audioContextsMade: { made: number } }).audioContextsMade.made);
  await page.goto('/en/embed/theremin/');
  const widget = page.locator('#embed');
  const sound = widget.locator('[data-action="sound"]');
  await expect(sound).toHaveText('Start sound');
  await expect(sound).toHaveAttribute('aria-pressed', 'false');

  const pitch = widget.getByRole('slider', { name: /Pitch hand/ });
  const note = widget.locator('[data-readout="note"]');
  const before = await note.textContent();
  await pitch.focus();
  for (let i = 0; i < 10; i++) await pitch.press('ArrowLeft');
  await expect(note).not.toHaveText(before ?? '');
  const frequencyText = await widget.locator('[data-readout="frequency"]').textContent();
  expect(Number(/[\d,.]+/.exec(frequencyText ?? '')?.[0]?.replace(/,/g, ''))).toBeGreaterThan(200);

  // The melody's first note: put the hand where the widget says it is.
  const melody = widget.locator('[data-readout="melody"]');
  await expect(melody).toContainText('Note 0 of 8');
  const gap = Number(/at ([\d.]+) cm/.exec((await melody.textContent()) ?? '')?.[1]);
  expect(gap).toBeGreaterThan(1);
  await pitch.fill(String(Math.round(gap * 2) / 2));
  await expect(melody).toContainText('Note 1 of 8', { timeout: 5000 });

  expect(await made()).toBe(0);
  await sound.click();
  await expect(sound).toHaveAttribute('aria-pressed', 'true');
  await expect(sound).toHaveText('Stop sound');
  expect(await made()).toBe(1);
  await sound.click();
  await expect(sound).toHaveText('Start sound');
  expect(errors).toEqual([]);
});

test('two fingers on the playing area: the first moves the pitch hand, the second the volume hand', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/embed/theremin/');
  const widget = page.locator('#embed');
  const pad = widget.locator('svg.pad');
  const box = (await pad.boundingBox())!;
  const pitch = widget.getByRole('slider', { name: /Pitch hand/ });
  const volume = widget.getByRole('slider', { name: /Volume hand/ });
  const before = { pitch: await pitch.inputValue(), volume: await volume.inputValue() };
  // Finger 1 near the antenna (right) and low; finger 2 at the far left and near the top.
  await pad.dispatchEvent('pointerdown', { pointerId: 11, pointerType: 'touch', isPrimary: true, clientX: box.x + box.width * 0.85, clientY: box.y + box.height * 0.9 });
  const afterFirst = { pitch: await pitch.inputValue(), volume: await volume.inputValue() };
  expect(Number(afterFirst.pitch)).toBeLessThan(Number(before.pitch));
  expect(afterFirst.volume).toBe(before.volume);
  await pad.dispatchEvent('pointerdown', { pointerId: 12, pointerType: 'touch', isPrimary: false, clientX: box.x + box.width * 0.1, clientY: box.y + box.height * 0.2 });
  const afterSecond = { pitch: await pitch.inputValue(), volume: await volume.inputValue() };
  expect(afterSecond.pitch).toBe(afterFirst.pitch);
  expect(Number(afterSecond.volume)).toBeGreaterThan(Number(before.volume));
  await pad.dispatchEvent('pointerup', { pointerId: 11, pointerType: 'touch' });
  await pad.dispatchEvent('pointerup', { pointerId: 12, pointerType: 'touch' });
  expect(errors).toEqual([]);
});

test('the signal chain: measured frequencies, zero beat, and the coil', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/embed/theremin-circuit/');
  const widget = page.locator('#embed');
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(widget.locator('[data-stage="pitch"]')).toContainText('338.55');
  await expect(widget.locator('[data-stage="mixer"]')).toContainText('768.6 Hz');
  await expect(widget.locator('figure svg')).toHaveCount(4);
  await widget.getByLabel('Preset').selectOption('zero-beat');
  await expect(widget.locator('[data-stage="audio"]')).toContainText('no tone', { timeout: 30_000 });
  await expect(widget.getByRole('textbox', { name: /Antenna coil L_a/ })).toHaveCount(0);
  await widget.getByRole('checkbox', { name: /Linearising antenna coil/ }).check();
  await expect(widget.getByRole('textbox', { name: /Antenna coil L_a/ })).toHaveCount(1);
  await expect(widget.locator('[data-stage="pitch"]')).toContainText('397.8', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('the field view: the hand’s capacitance from the solver, and moving the hand changes it', async ({ page }) => {
  const { errors } = watchErrors(page);
  await page.goto('/en/embed/theremin-field/');
  const widget = page.locator('#embed');
  await expect(widget).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  const dC = widget.locator('[data-readout="dC"]');
  await expect(dC).toHaveText('0.422 pF');
  const slider = widget.getByRole('slider', { name: /Gap between antenna and hand/ });
  await slider.focus();
  for (let i = 0; i < 10; i++) await slider.press('ArrowLeft');
  await expect(dC).not.toHaveText('0.422 pF', { timeout: 30_000 });
  const closer = Number.parseFloat((await dC.textContent()) ?? '');
  expect(closer).toBeGreaterThan(0.422);
  await expect(widget.locator('figure svg')).toHaveCount(2, { timeout: 30_000 });
  expect(errors).toEqual([]);
});
