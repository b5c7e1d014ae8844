/** Melodies for the "play a melody" exercise, as MIDI note numbers (C4 = 60). */
export const MELODIES = {
  /** The C-major scale, up one octave. */
  scale: [60, 62, 64, 65, 67, 69, 71, 72],
  /** "Twinkle, twinkle, little star" (きらきら星), the first line. */
  twinkle: [60, 60, 67, 67, 69, 69, 67],
  /** "Ode to Joy" (歓喜の歌), the first phrase. */
  ode: [64, 64, 65, 67, 67, 65, 64, 62, 60, 60, 62, 64, 64, 62, 62],
} as const;

export type MelodyName = keyof typeof MELODIES;
export const MELODY_NAMES = Object.keys(MELODIES) as MelodyName[];

/** A note counts as played when held within this many cents for HOLD_MS. */
export const IN_TUNE_CENTS = 30;
export const HOLD_MS = 300;
