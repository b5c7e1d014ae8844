/**
 * The field picture and the capacitance curve as worker tasks: plain data in, plain data out,
 * every input checked (a message from a page is not trusted). Lengths in, as in the parameters:
 * gap in cm; out: capacitances in pF, positions in the picture in metres.
 */
import { validateParams } from '../core/params.ts';
import { ARM_LENGTH, armStart, handCentreX, type Geometry } from './geometry.ts';
import { fieldLines, potentialGrid, type FieldLines, type PlaneBox, type PotentialGrid } from './field.ts';
import { gapOfPosition, geometryOf, METRES_PER_CM, resolutionOf } from './model-params.ts';
import { ThereminSolver } from './solver.ts';
import { thereminFieldCrossCheck, thereminFieldParams, type ThereminFieldParams } from './spec.ts';

const PF = 1e12;
/** Picture defaults and limits: grid columns, field lines. */
const DEFAULT_COLUMNS = 161;
const MAX_COLUMNS = 400;
const DEFAULT_LINES = 24;
const MAX_LINES = 100;
/** Margin of the picture around the rod and the farthest hand (m). */
const MARGIN = 0.15;

export interface FieldPictureInput {
  /** Engine parameters (raw values as in a URL; defaults for those left out). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Rod surface to hand surface (cm). */
  readonly gap: number;
  /** Grid columns (rows follow the box's aspect ratio). */
  readonly columns?: number;
  readonly lines?: number;
}

export interface Outlines {
  /** The rod's section in the plane y = 0 (m). */
  readonly rod: { readonly xMin: number; readonly xMax: number; readonly zMin: number; readonly zMax: number };
  readonly hand: { readonly x: number; readonly z: number; readonly radius: number };
  readonly arm: { readonly xMin: number; readonly xMax: number; readonly zMin: number; readonly zMax: number } | null;
}

export interface FieldPictureOutput {
  /** c11 of the rod with the hand there, and its excess over the rod alone (pF). */
  readonly capacitance: number;
  readonly handCapacitance: number;
  readonly rodCapacitance: number;
  readonly grid: PotentialGrid;
  readonly lines: FieldLines;
  readonly outlines: Outlines;
}

export interface CurveOutput {
  readonly gap: number[];
  readonly capacitance: number[];
  readonly handCapacitance: number[];
  readonly rodCapacitance: number;
}

function checkParams(raw: unknown): ThereminFieldParams {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) throw new Error('params: an object of parameter values');
  const v = validateParams(thereminFieldParams, (raw ?? {}) as Record<string, unknown>, thereminFieldCrossCheck);
  if (!v.ok) throw new Error(v.errors.map((e) => `${e.param}: ${e.code} (${JSON.stringify(e.value)})`).join('; '));
  return v.params;
}

function checkWhole(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new Error(`${name}: a whole number from ${min} to ${max}`);
  return value;
}

/** The picture's box: fixed by the parameters (not the gap), so it does not jump as the hand moves. */
function pictureBox(p: ThereminFieldParams, g: Geometry): PlaneBox {
  return { x0: -2 * MARGIN, x1: handCentreX(g, p.gapMax * METRES_PER_CM) + g.handRadius + MARGIN, z0: -MARGIN, z1: g.rodLength + MARGIN };
}

/**
 * The last solver, kept between pictures: a reader dragging the hand asks for picture after
 * picture with the same rod and hand, and the solver's rod and hand blocks need not be built
 * again. Every solve starts from the rod-alone charges, as a fresh solver's would, so a picture
 * is the same bits whatever was asked before it.
 */
let cached: { key: string; solver: ThereminSolver; start: Float64Array } | undefined;

function solverFor(p: ThereminFieldParams): ThereminSolver {
  const key = JSON.stringify(p);
  if (cached?.key !== key) {
    const solver = new ThereminSolver(geometryOf(p), resolutionOf(p));
    cached = { key, solver, start: solver.charges.slice() };
  }
  cached.solver.setCharges(cached.start);
  return cached.solver;
}

export function fieldPictureTask(input: FieldPictureInput): FieldPictureOutput {
  if (typeof input !== 'object' || input === null) throw new Error('input: an object');
  const p = checkParams(input.params);
  const { gap } = input;
  if (typeof gap !== 'number' || !Number.isFinite(gap) || gap < thereminFieldParams.gapMin.min || gap > thereminFieldParams.gapMax.max) {
    throw new Error(`gap: a number of cm from ${thereminFieldParams.gapMin.min} to ${thereminFieldParams.gapMax.max}`);
  }
  const columns = checkWhole('columns', input.columns, DEFAULT_COLUMNS, 2, MAX_COLUMNS);
  const lineCount = checkWhole('lines', input.lines, DEFAULT_LINES, 1, MAX_LINES);

  const g = geometryOf(p);
  const solver = solverFor(p);
  const gapM = gap * METRES_PER_CM;
  const c = solver.capacitanceAt(gapM);
  const box = pictureBox(p, g);
  const rows = Math.max(2, Math.round(((columns - 1) * (box.z1 - box.z0)) / (box.x1 - box.x0)) + 1);
  const hx = handCentreX(g, gapM);
  return {
    capacitance: c * PF,
    handCapacitance: (c - solver.rodCapacitance) * PF,
    rodCapacitance: solver.rodCapacitance * PF,
    grid: potentialGrid(g, gapM, solver.panels, solver.charges, box, columns, rows),
    lines: fieldLines(g, gapM, solver.panels, solver.rodCount, solver.charges, box, lineCount),
    outlines: {
      rod: { xMin: -g.rodRadius, xMax: g.rodRadius, zMin: 0, zMax: g.rodLength },
      hand: { x: hx, z: g.handHeight, radius: g.handRadius },
      arm: g.arm ? { xMin: hx + armStart(g), xMax: hx + ARM_LENGTH, zMin: g.handHeight - g.armRadius, zMax: g.handHeight + g.armRadius } : null,
    },
  };
}

/** The whole sweep at once (the engine does the same position by position). */
export function capacitanceCurveTask(params: Readonly<Record<string, unknown>>): CurveOutput {
  const p = checkParams(params);
  const solver = new ThereminSolver(geometryOf(p), resolutionOf(p));
  const out: CurveOutput = { gap: [], capacitance: [], handCapacitance: [], rodCapacitance: solver.rodCapacitance * PF };
  for (let k = 0; k < p.positions; k++) {
    const gap = gapOfPosition(p, k);
    const c = solver.capacitanceAt(gap * METRES_PER_CM) * PF;
    out.gap.push(gap);
    out.capacitance.push(c);
    out.handCapacitance.push(c - out.rodCapacitance);
  }
  return out;
}
