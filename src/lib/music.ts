/**
 * Frequencies as notes of the equal-tempered scale (A4 = 440 Hz): what a player of the theremin
 * hears, and how a lesson names pitches.
 */

const NAMES = ['C', 'C♯', 'D', 'D♯', 'E', 'F', 'F♯', 'G', 'G♯', 'A', 'A♯', 'B'] as const;
const A4 = 440;
/** MIDI number of A4: notes are counted in semitones from it. */
const A4_MIDI = 69;

export interface Note {
  /** Name with octave number, e.g. "A4", "C♯5". */
  readonly name: string;
  /** Semitone number (MIDI: C4 = 60). */
  readonly midi: number;
  /** How far the frequency is from the note, in cents (−50 … +50). */
  readonly cents: number;
}

/** Semitones above A4 (fractional). */
export function semitonesFromA4(frequency: number): number {
  return 12 * Math.log2(frequency / A4);
}

export function frequencyOfMidi(midi: number): number {
  return A4 * 2 ** ((midi - A4_MIDI) / 12);
}

export function noteName(midi: number): string {
  const name = NAMES[((midi % 12) + 12) % 12] as string;
  return `${name}${Math.floor(midi / 12) - 1}`;
}

/** The nearest note to a frequency and the distance from it in cents; undefined for no pitch. */
export function nearestNote(frequency: number): Note | undefined {
  if (!(frequency > 0) || !Number.isFinite(frequency)) return undefined;
  const exact = A4_MIDI + semitonesFromA4(frequency);
  const midi = Math.round(exact);
  return { name: noteName(midi), midi, cents: Math.round((exact - midi) * 100) };
}

/** The C-major scale from C4 to C5, as MIDI numbers. */
export const C_MAJOR = [60, 62, 64, 65, 67, 69, 71, 72] as const;
