/**
 * The field view's charts as plain functions, shared by the live widget and its build-time
 * figure: the antenna and the hand seen from the side, the potential as shading with equipotential
 * lines, the field lines; and what the hand adds, ΔC, against the gap.
 */
import * as Plot from '@observablehq/plot';
import type { CurveOutput, FieldPictureOutput } from '../../../simulations/theremin-field/tasks.ts';
import type { Lang } from '../../i18n/index.ts';
import { tt } from '../../i18n/theremin.ts';
import { formatNumber } from '../../lib/format.ts';

export interface FieldPalette {
  fg: string;
  bg: string;
  lines: string;
  conductor: string;
  hand: string;
}

export interface FieldChart {
  lang: Lang;
  picture: FieldPictureOutput;
  palette: FieldPalette;
  scale: number;
  document?: Document;
}

const EQUIPOTENTIALS = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const CIRCLE_STEPS = 48;

/** Margins of the field picture (px), exported so a drag can map pointer to data. */
export function fieldMargins(scale: number): { left: number; right: number; top: number; bottom: number } {
  return { left: 50 * scale, right: 12 * scale, top: 22 * scale, bottom: 34 * scale };
}

/** The picture's height for a width, keeping x and z on the same scale (a round hand stays round). */
export function fieldHeight(p: FieldPictureOutput, width: number, scale: number): number {
  const m = fieldMargins(scale);
  const { x0, x1, z0, z1 } = p.grid;
  return Math.round(((width - m.left - m.right) * (z1 - z0)) / (x1 - x0) + m.top + m.bottom);
}

export function fieldPlot(c: FieldChart, width: number): SVGSVGElement {
  const { picture: p, palette, scale } = c;
  const g = p.grid;
  const dx = (g.x1 - g.x0) / (g.nx - 1);
  const dz = (g.z1 - g.z0) / (g.nz - 1);
  // Grid nodes sit on the box's edges; a raster cell is centred on its node.
  const bounds = { x1: g.x0 - dx / 2, x2: g.x1 + dx / 2, y1: g.z0 - dz / 2, y2: g.z1 + dz / 2 };
  const values = Array.from(g.potential);
  const lines: { x: number; z: number; line: number }[] = [];
  for (let k = 0; k + 1 < p.lines.offsets.length; k++) {
    for (let j = p.lines.offsets[k]!; j < p.lines.offsets[k + 1]!; j++) lines.push({ x: p.lines.points[2 * j]!, z: p.lines.points[2 * j + 1]!, line: k });
  }
  const h = p.outlines.hand;
  const hand = Array.from({ length: CIRCLE_STEPS + 1 }, (_, i) => {
    const a = (2 * Math.PI * i) / CIRCLE_STEPS;
    return { x: h.x + h.radius * Math.cos(a), z: h.z + h.radius * Math.sin(a) };
  });
  const rod = p.outlines.rod;
  const arm = p.outlines.arm;
  const m = fieldMargins(scale);
  return Plot.plot({
    ...(c.document ? { document: c.document } : {}),
    width,
    height: fieldHeight(p, width, scale),
    marginLeft: m.left, marginRight: m.right, marginTop: m.top, marginBottom: m.bottom,
    style: { fontSize: `${12 * scale}px`, color: palette.fg, background: 'transparent' },
    x: { domain: [g.x0, g.x1], label: tt(c.lang, 'field.x') },
    y: { domain: [g.z0, g.z1], label: tt(c.lang, 'field.z') },
    color: { type: 'linear', domain: [0, 1], range: [palette.bg, palette.conductor] },
    marks: [
      // Filled contours rather than a raster: plain SVG, so the build-time figure needs no canvas.
      Plot.contour(values, {
        width: g.nx, height: g.nz, ...bounds, thresholds: EQUIPOTENTIALS,
        fill: Plot.identity, fillOpacity: 0.4, stroke: palette.fg, strokeOpacity: 0.55, strokeWidth: 1 * scale,
      }),
      Plot.line(lines, { x: 'x', y: 'z', z: 'line', stroke: palette.lines, strokeWidth: 1.4 * scale }),
      ...(arm ? [Plot.rect([arm], { x1: 'xMin', x2: 'xMax', y1: 'zMin', y2: 'zMax', fill: palette.hand, stroke: palette.fg })] : []),
      Plot.line(hand, { x: 'x', y: 'z', fill: palette.hand, stroke: palette.fg, strokeWidth: 1.5 * scale }),
      Plot.rect([rod], { x1: 'xMin', x2: 'xMax', y1: 'zMin', y2: 'zMax', fill: palette.conductor, stroke: palette.fg, insetLeft: -2 * scale, insetRight: -2 * scale }),
    ],
  }) as SVGSVGElement;
}

export function fieldAlt(lang: Lang, p: FieldPictureOutput, gap: number): string {
  return tt(lang, 'field.alt', { gap: formatNumber(lang, gap, 3), C: formatNumber(lang, p.capacitance, 4), dC: formatNumber(lang, p.handCapacitance, 3) });
}

export interface CurveChart {
  lang: Lang;
  curve: CurveOutput;
  /** The hand's gap now (cm), marked on the curve. */
  gap: number;
  handCapacitance: number | undefined;
  palette: { fg: string; curve: string; mark: string };
  scale: number;
  document?: Document;
}

export function curvePlot(c: CurveChart, width: number): SVGSVGElement {
  const rows = c.curve.gap.map((gap, i) => ({ gap, dc: c.curve.handCapacitance[i]! }));
  const g0 = rows[0]!;
  // 1/gap through the nearest point, for comparison: the curve falls faster far away.
  const inverse = rows.map((r) => ({ gap: r.gap, dc: (g0.dc * g0.gap) / r.gap }));
  return Plot.plot({
    ...(c.document ? { document: c.document } : {}),
    width,
    height: Math.round(Math.min(260 * c.scale, Math.max(190, width * 0.5))),
    marginLeft: 52 * c.scale, marginRight: 14 * c.scale, marginBottom: 34 * c.scale, marginTop: 16 * c.scale,
    style: { fontSize: `${12 * c.scale}px`, color: c.palette.fg, background: 'transparent' },
    x: { type: 'log', label: tt(c.lang, 'field.curveGap'), grid: true },
    y: { type: 'log', label: tt(c.lang, 'field.curveDc'), grid: true },
    marks: [
      Plot.line(inverse, { x: 'gap', y: 'dc', stroke: c.palette.fg, strokeOpacity: 0.5, strokeDasharray: '4 4' }),
      Plot.line(rows, { x: 'gap', y: 'dc', stroke: c.palette.curve, strokeWidth: 2.2 * c.scale }),
      Plot.dot(rows, { x: 'gap', y: 'dc', r: 2.5 * c.scale, fill: c.palette.curve }),
      ...(c.handCapacitance !== undefined && c.handCapacitance > 0 ? [Plot.dot([{ gap: c.gap, dc: c.handCapacitance }], { x: 'gap', y: 'dc', r: 7 * c.scale, stroke: c.palette.mark, strokeWidth: 3 * c.scale })] : []),
    ],
  }) as SVGSVGElement;
}

export function curveAlt(lang: Lang, curve: CurveOutput): string {
  const n = curve.gap.length - 1;
  return tt(lang, 'field.curveAlt', {
    near: formatNumber(lang, curve.handCapacitance[0]!, 3), gapNear: formatNumber(lang, curve.gap[0]!, 2),
    far: formatNumber(lang, curve.handCapacitance[n]!, 2), gapFar: formatNumber(lang, curve.gap[n]!, 2),
  });
}
