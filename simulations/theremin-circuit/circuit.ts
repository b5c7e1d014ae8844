/**
 * The theremin's circuits in the frequency domain: where each tank resonates and how strongly the
 * volume circuit answers. The time-domain simulation (rf-circuit.ts) is checked against these in
 * the tests, by frequencies measured from its waveforms; the real-time voice (voice.ts) and the
 * pitch map use them because they are instant.
 *
 * Pitch oscillator: a tank L ∥ C0 with the antenna branch across it. Without the coil the branch
 * is the antenna's capacitance Ca (antenna + lead + what the hand adds), so ω² = 1/(L(C0 + Ca)).
 * With the series coil La the branch's admittance at ω is that of
 *   C_eff(ω) = Ca / (1 − ω² La Ca),
 * and ω solves ω² L (C0 + C_eff(ω)) = 1, a quadratic in u = ω²:
 *   L C0 La Ca u² − (L C0 + L Ca + La Ca) u + 1 = 0.
 * Its two roots are the two normal modes of the coupled tanks. The oscillator runs on the upper
 * one, above the branch's series resonance 1/√(La Ca): the branch is inductive there, and as the
 * hand adds capacitance the series resonance moves away and the branch's grip on the frequency
 * weakens, so the pitch changes most per picofarad far from the antenna and least close to it —
 * the "linearising" effect (Skeldon et al. 1998; the Etherwave's antenna coil).
 */

/** Circuit values in SI units (H, F, Hz). */
export interface PitchCircuit {
  /** Tank inductance L. */
  readonly inductance: number;
  /** Tank capacitor C0. */
  readonly tankCapacitance: number;
  /** Antenna and its lead with the hand far away. */
  readonly antennaCapacitance: number;
  /** Series antenna coil La, or 0 for none. */
  readonly coilInductance: number;
  /** The coil's series resistance Ra (Ω): its losses, which also pull the frequency slightly. */
  readonly coilResistance: number;
}

export interface VolumeCircuit {
  /** The volume oscillator's frequency (it drives the volume tank). */
  readonly driveFrequency: number;
  /** The volume tank's quality factor. */
  readonly quality: number;
  /** The volume tank's total capacitance with the hand far away (tuned to resonate at the drive). */
  readonly capacitance: number;
}

const TWO_PI = 2 * Math.PI;

/** ω² of the pitch oscillator when the antenna branch holds capacitance `ca` (F). */
export function pitchOmegaSquared(c: PitchCircuit, ca: number): number {
  const { inductance: L, tankCapacitance: C0, coilInductance: La, coilResistance: Ra } = c;
  if (La === 0) return 1 / (L * (C0 + ca));
  const a = L * C0 * La * ca;
  const b = L * C0 + L * ca + La * ca;
  // Upper root of a u² − b u + 1 = 0 for a lossless coil, written so that it does not cancel.
  let w = Math.sqrt((b + Math.sqrt(b * b - 4 * a)) / (2 * a));
  // The coil's resistance turns the branch's susceptance −1/X into −X/(Ra² + X²), X = ωLa − 1/ωCa:
  // Newton's method on the tank's total susceptance ωC0 − 1/ωL + B(ω) = 0 from the lossless root.
  for (let k = 0; k < 4; k++) {
    const X = w * La - 1 / (w * ca);
    const dX = La + 1 / (w * w * ca);
    const d2 = Ra * Ra + X * X;
    const B = -X / d2;
    const dB = (-dX * (Ra * Ra - X * X)) / (d2 * d2);
    w -= (w * C0 - 1 / (w * L) + B) / (C0 + 1 / (w * w * L) + dB);
  }
  return w * w;
}

/** The pitch oscillator's frequency (Hz) with `handCapacitance` (F) added to the antenna. */
export function pitchFrequency(c: PitchCircuit, handCapacitance: number): number {
  return Math.sqrt(pitchOmegaSquared(c, c.antennaCapacitance + handCapacitance)) / TWO_PI;
}

/**
 * The capacitance a plain LC tank with inductance L needs to sound the pitch oscillator's
 * frequency with the hand far away: how the fixed oscillator is tuned to zero beat.
 */
export function zeroBeatCapacitance(c: PitchCircuit): number {
  return 1 / (c.inductance * pitchOmegaSquared(c, c.antennaCapacitance));
}

/** The audible beat |f_fixed − f_pitch| (Hz) for a hand adding `handCapacitance` (F). */
export function beatFrequency(c: PitchCircuit, handCapacitance: number): number {
  return Math.abs(pitchFrequency(c, 0) - pitchFrequency(c, handCapacitance));
}

/**
 * ω0² La Ca with the hand far away, ω0 the oscillator's frequency without the coil: above 1 the
 * branch's series resonance lies below that frequency, and the oscillator's (upper) mode sits just
 * above it with the branch inductive — the linearising setting. 0 without a coil.
 */
export function coilDetuning(c: PitchCircuit): number {
  if (c.coilInductance === 0) return 0;
  return (c.coilInductance * c.antennaCapacitance) / (c.inductance * (c.tankCapacitance + c.antennaCapacitance));
}

/** The volume tank's inductance: resonant at the drive frequency with the hand far away. */
export function volumeInductance(v: VolumeCircuit): number {
  const w = TWO_PI * v.driveFrequency;
  return 1 / (w * w * v.capacitance);
}

/**
 * The volume tank's response at the drive frequency, relative to its response with the hand far
 * away (1 there), when the hand adds `handCapacitance` (F): the hand lowers the tank's resonance
 * below the drive and the response falls, 1/√(1 + Q²(f/f_r − f_r/f)²).
 */
export function volumeLevel(v: VolumeCircuit, handCapacitance: number): number {
  const ratio = Math.sqrt((v.capacitance + handCapacitance) / v.capacitance); // f / f_r
  const detune = v.quality * (ratio - 1 / ratio);
  return 1 / Math.sqrt(1 + detune * detune);
}

/**
 * The volume control amplifier's gain for a volume-tank level (1 with the hand far away). The
 * amplifier opens above a threshold, so a hand at the loop silences the note although the tank's
 * response never quite reaches zero. (An illustrative law; Etherwave-style circuits shape it with
 * a detector and a transistor's knee.)
 */
export const VCA_THRESHOLD = 0.2;
export function vcaGain(level: number): number {
  const g = (level - VCA_THRESHOLD) / (1 - VCA_THRESHOLD);
  return g <= 0 ? 0 : g >= 1 ? 1 : g;
}
