/**
 * The series colours must stay apart for readers with colour-vision deficiencies and stand out
 * from the background, in both themes. Simulated with the full-severity matrices of Machado,
 * Oliveira & Fernandes, IEEE TVCG 15, 1291 (2009), doi:10.1109/TVCG.2009.113, applied in linear
 * sRGB; distances are CIE76 ΔE in CIELAB (D65). A ΔE of 10 or more is a clearly visible
 * difference between two thick lines; the graphical-object contrast of WCAG 2.1 (1.4.11) is 3:1.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Rgb = [number, number, number];
type Matrix = [Rgb, Rgb, Rgb];

const CVD: Record<string, Matrix> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3039]],
};

const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as Rgb;
const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const linear = (rgb: Rgb): Rgb => rgb.map(toLinear) as Rgb;
const clamp = (x: number) => Math.min(1, Math.max(0, x));
const apply = (m: Matrix, v: Rgb): Rgb => m.map((row) => clamp(row[0] * v[0] + row[1] * v[1] + row[2] * v[2])) as Rgb;

function lab(lin: Rgb): Rgb {
  const [r, g, b] = lin;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const deltaE = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const luminance = (lin: Rgb) => 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
const contrast = (a: Rgb, b: Rgb) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

/** The custom properties of one :root block of the site's stylesheet. */
function theme(css: string): Record<string, string> {
  return Object.fromEntries([...css.matchAll(/(--[a-z-]+):\s*(#[0-9a-f]{6})/g)].map((m) => [m[1]!, m[2]!]));
}
const css = readFileSync('src/styles/global.css', 'utf8');
const dark = css.slice(css.indexOf('prefers-color-scheme: dark'));
const themes = { light: theme(css.slice(0, css.indexOf('prefers-color-scheme: dark'))), dark: theme(dark.slice(0, dark.indexOf('}'))) };
const SERIES = ['--c-s', '--c-e', '--c-i', '--c-r', '--c-v'];

describe.each(Object.entries(themes))('%s theme series colours', (_name, vars) => {
  const colours = SERIES.map((v) => [v, linear(hex(vars[v]!))] as const);

  it.each(['normal', ...Object.keys(CVD)])('stay apart (ΔE ≥ 10) in %s vision', (vision) => {
    const seen = colours.map(([v, c]) => [v, lab(vision === 'normal' ? c : apply(CVD[vision]!, c))] as const);
    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++) {
        const d = deltaE(seen[i]![1], seen[j]![1]);
        expect(d, `${seen[i]![0]} vs ${seen[j]![0]}`).toBeGreaterThanOrEqual(10);
      }
    }
  });

  it('stand out from the background (contrast ≥ 3:1, WCAG 1.4.11)', () => {
    const bg = linear(hex(vars['--bg-raised']!));
    for (const [v, c] of colours) expect(contrast(c, bg), v).toBeGreaterThanOrEqual(3);
  });
});

it('printed figures use the light theme’s colours', async () => {
  const { PRINT_PALETTE } = await import('../../src/components/sir/sir-plots.ts');
  const light = themes.light;
  expect([PRINT_PALETTE.S, PRINT_PALETTE.E, PRINT_PALETTE.I, PRINT_PALETTE.R, PRINT_PALETTE.V]).toEqual(SERIES.map((v) => light[v]));
});
