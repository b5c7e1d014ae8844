/**
 * The pitch map as plain functions, shared by the live widget and its build-time figure: the pitch
 * against the hand's gap (log pitch, with a grid line at every C), with and without the antenna
 * coil, and the notes of a scale marked where they lie.
 */
import * as Plot from '@observablehq/plot';
import type { PitchCircuit } from '../../../simulations/theremin-circuit/circuit.ts';
import type { HandCurve } from '../../../simulations/theremin-circuit/voice.ts';
import type { Lang } from '../../i18n/index.ts';
import { tt } from '../../i18n/theremin.ts';
import { formatNumber } from '../../lib/format.ts';
import { frequencyOfMidi, noteName } from '../../lib/music.ts';
import { lessonPitchCircuit, notePosition, pitchAt, type NotePosition } from './instrument-model.ts';

export const GAP_NEAR = 1;
export const GAP_FAR = 60;
const SAMPLES = 120;

export interface PitchMapPalette {
  fg: string;
  noCoil: string;
  coil: string;
}

export interface PitchMapChart {
  lang: Lang;
  curve: HandCurve;
  showCoil: boolean;
  /** MIDI numbers of the notes to mark. */
  marks: readonly number[];
  palette: PitchMapPalette;
  scale: number;
  document?: Document;
}

/** The pitch on a log-spaced set of gaps from GAP_NEAR to GAP_FAR. */
export function pitchLine(pitch: PitchCircuit, curve: HandCurve): { gap: number; f: number }[] {
  return Array.from({ length: SAMPLES }, (_, i) => {
    const gap = GAP_NEAR * (GAP_FAR / GAP_NEAR) ** (i / (SAMPLES - 1));
    return { gap, f: pitchAt(pitch, curve, gap) };
  });
}

/** Every C from C1 to C8 (MIDI). */
export const OCTAVE_CS = [24, 36, 48, 60, 72, 84, 96, 108] as const;

export function markedNotes(c: Pick<PitchMapChart, 'curve' | 'marks'>, coil: boolean): NotePosition[] {
  const pitch = lessonPitchCircuit(coil);
  return c.marks.map((m) => notePosition(pitch, c.curve, m)).filter((n): n is NotePosition => n !== undefined);
}

export function pitchMapPlot(c: PitchMapChart, width: number): SVGSVGElement {
  const { palette, scale, lang } = c;
  const without = pitchLine(lessonPitchCircuit(false), c.curve);
  const withCoil = pitchLine(lessonPitchCircuit(true), c.curve);
  const fMin = Math.min(...without.map((p) => p.f));
  const fMax = Math.max(...(c.showCoil ? withCoil : without).map((p) => p.f));
  const cs = OCTAVE_CS.map((m) => ({ f: frequencyOfMidi(m), name: noteName(m) })).filter((x) => x.f >= fMin * 0.9 && x.f <= fMax * 1.1);
  const marks: Plot.Markish[] = [
    Plot.ruleY(cs, { y: 'f', stroke: palette.fg, strokeOpacity: 0.25 }),
    Plot.line(without, { x: 'gap', y: 'f', stroke: palette.noCoil, strokeWidth: 2.5 * scale }),
  ];
  if (c.showCoil) marks.push(Plot.line(withCoil, { x: 'gap', y: 'f', stroke: palette.coil, strokeWidth: 2.5 * scale, strokeDasharray: '7 4' }));
  for (const coil of c.showCoil ? [false, true] : [false]) {
    const notes = markedNotes(c, coil);
    const colour = coil ? palette.coil : palette.noCoil;
    marks.push(Plot.dot(notes, { x: 'gap', y: 'frequency', r: 4.5 * scale, fill: colour, stroke: 'white' }));
    marks.push(Plot.text(notes, { x: 'gap', y: 'frequency', text: 'name', dy: -10 * scale, fill: palette.fg, fontSize: 10.5 * scale }));
  }
  return Plot.plot({
    ...(c.document ? { document: c.document } : {}),
    width,
    height: Math.round(Math.min(380 * scale, Math.max(260, width * 0.6))),
    marginLeft: 76 * scale, marginRight: 20 * scale, marginBottom: 36 * scale, marginTop: 22 * scale,
    style: { fontSize: `${12 * scale}px`, color: palette.fg, background: 'transparent' },
    x: { domain: [0, GAP_FAR], label: tt(lang, 'pitchMap.gap'), grid: true },
    y: { type: 'log', domain: [fMin * 0.9, fMax * 1.1], label: tt(lang, 'pitchMap.pitch'), ticks: cs.map((x) => x.f), tickFormat: (f: number) => `${cs.find((x) => x.f === f)?.name ?? ''} ${formatNumber(lang, f, 3)}` },
    marks,
  }) as SVGSVGElement;
}

/** The octave spans farthest from and nearest to the antenna (without the coil), for readouts and text. */
export function octaveSpans(curve: HandCurve): { far: { from: string; to: string; span: number }; near: { from: string; to: string; span: number } } | undefined {
  const pitch = lessonPitchCircuit(false);
  const cs = OCTAVE_CS.map((m) => notePosition(pitch, curve, m)).filter((n): n is NotePosition => n !== undefined);
  if (cs.length < 3) return undefined;
  const span = (a: NotePosition, b: NotePosition) => ({ from: a.name, to: b.name, span: a.gap - b.gap });
  return { far: span(cs[0]!, cs[1]!), near: span(cs.at(-2)!, cs.at(-1)!) };
}

export function pitchMapAlt(lang: Lang, curve: HandCurve): string {
  const pitch = lessonPitchCircuit(false);
  const spans = octaveSpans(curve);
  const n = (x: number, d = 3) => formatNumber(lang, x, d);
  return tt(lang, 'pitchMap.alt', {
    near: n(pitchAt(pitch, curve, GAP_NEAR)), far: n(pitchAt(pitch, curve, GAP_FAR)),
    farFrom: spans?.far.from ?? '', farTo: spans?.far.to ?? '', farSpan: n(spans?.far.span ?? NaN, 2),
    nearFrom: spans?.near.from ?? '', nearTo: spans?.near.to ?? '', nearSpan: n(spans?.near.span ?? NaN, 2),
  });
}
