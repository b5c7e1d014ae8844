/**
 * A short fingerprint of a frame's numbers (every bit of every double), to compare runs made in
 * different places — Node at build time, a browser worker now — without shipping the data.
 * Two independent 32-bit multiply–xorshift lanes over the bytes; not cryptographic, but any
 * difference in any bit changes it with overwhelming probability.
 */
import type { Frame } from '../../simulations/core/engine.ts';

export function digestFrame(frame: Frame): string {
  let h1 = 0x9e3779b9 | 0;
  let h2 = 0x85ebca6b | 0;
  const mix = (word: number) => {
    h1 = Math.imul(h1 ^ word, 0x2c1b3c6d);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ word, 0x297a2d39);
    h2 ^= h2 >>> 13;
  };
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const add = (x: number) => {
    scratch[0] = x;
    mix(words[0] as number);
    mix(words[1] as number);
  };
  add(frame.length);
  for (const name of Object.keys(frame.series).sort()) {
    const col = frame.series[name] as Float64Array;
    for (let i = 0; i < frame.length; i++) add(col[i] as number);
  }
  for (const name of Object.keys(frame.summary).sort()) add(frame.summary[name] as number);
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return hex(h1) + hex(h2);
}
