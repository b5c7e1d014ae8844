/**
 * Pictures of an epidemic on a network, drawn on a canvas from a frame's fields:
 * - the square lattice as an image, one pixel block per person (10^4 people at display rate);
 * - the small world as a ring, with its shortcuts as chords;
 * - any network as the tree of who infected whom (the first few hundred infections), laid out by
 *   generation; a person's dot grows with the number they infected, so superspreaders stand out.
 * Pure functions of (canvas context, data, colours); the widget decides when to redraw.
 */

export const SUSCEPTIBLE = 0;
export const INFECTIOUS = 1;
export const RECOVERED = 2;

export interface ViewColours {
  S: string;
  I: string;
  R: string;
  bg: string;
  fg: string;
}

/** `#rrggbb` → [r, g, b]; other colour syntaxes fall back to grey (the theme uses hex). */
function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return [128, 128, 128];
  const v = parseInt(m[1]!, 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** The lattice as an L×L image scaled up without smoothing (crisp blocks). */
export function drawLattice(ctx: CanvasRenderingContext2D, state: Uint8Array, colours: ViewColours, size: number): void {
  const L = Math.round(Math.sqrt(state.length));
  const image = new ImageData(L, L);
  const palette = [rgb(colours.S), rgb(colours.I), rgb(colours.R)];
  const px = image.data;
  for (let v = 0; v < L * L; v++) {
    const c = palette[state[v]!] ?? palette[0]!;
    px[4 * v] = c[0];
    px[4 * v + 1] = c[1];
    px[4 * v + 2] = c[2];
    px[4 * v + 3] = 255;
  }
  const off = new OffscreenCanvas(L, L);
  off.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, size, size);
  ctx.drawImage(off, 0, 0, size, size);
}

/** Position of node v of n on the ring (angle measured clockwise from the top). */
function ringPoint(v: number, n: number, centre: number, radius: number): [number, number] {
  const a = (2 * Math.PI * v) / n - Math.PI / 2;
  return [centre + radius * Math.cos(a), centre + radius * Math.sin(a)];
}

/** The Watts–Strogatz ring: people in order around a circle, shortcuts as faint chords. */
export function drawRing(ctx: CanvasRenderingContext2D, state: Uint8Array, shortcuts: Int32Array, colours: ViewColours, size: number): void {
  const n = state.length;
  const centre = size / 2;
  const radius = size * 0.44;
  ctx.clearRect(0, 0, size, size);
  ctx.lineWidth = 1;
  ctx.strokeStyle = colours.fg;
  ctx.globalAlpha = 0.18;
  ctx.beginPath();
  for (let e = 0; e + 1 < shortcuts.length; e += 2) {
    const [x1, y1] = ringPoint(shortcuts[e]!, n, centre, radius);
    const [x2, y2] = ringPoint(shortcuts[e + 1]!, n, centre, radius);
    ctx.moveTo(x1, y1);
    ctx.quadraticCurveTo(centre, centre, x2, y2);
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
  // Each person a short radial tick: at thousands of people a dot per person would merge anyway.
  const fill = [colours.S, colours.I, colours.R];
  const inner = radius - size * 0.035;
  const outer = radius + size * 0.035;
  ctx.lineWidth = Math.max(1, (2 * Math.PI * radius) / n);
  for (const s of [SUSCEPTIBLE, RECOVERED, INFECTIOUS]) {
    ctx.strokeStyle = fill[s]!;
    ctx.beginPath();
    for (let v = 0; v < n; v++) {
      if (state[v] !== s) continue;
      const [x1, y1] = ringPoint(v, n, centre, inner);
      const [x2, y2] = ringPoint(v, n, centre, outer);
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
    }
    ctx.stroke();
  }
}

export interface TreeLayout {
  /** For each tree entry (infection order): x, y in [0, 1], and how many it infected. */
  x: Float64Array;
  y: Float64Array;
  children: Int32Array;
  /** Index in the tree of each entry's parent (−1 for the first cases). */
  parent: Int32Array;
  generations: number;
}

/**
 * A tidy layout of the infection tree: y by generation, x by the order of a depth-first walk, each
 * parent centred over its children. `pairs` is (node, infector node) in infection order, −1 for
 * the first cases.
 */
export function layoutTree(pairs: Int32Array): TreeLayout {
  const m = pairs.length >> 1;
  const indexOf = new Map<number, number>();
  const parent = new Int32Array(m).fill(-1);
  const children = new Int32Array(m);
  const depth = new Int32Array(m);
  const kids: number[][] = Array.from({ length: m }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < m; i++) {
    indexOf.set(pairs[2 * i]!, i);
    const p = indexOf.get(pairs[2 * i + 1]!);
    if (p === undefined) roots.push(i);
    else {
      parent[i] = p;
      children[p]!++;
      depth[i] = depth[p]! + 1;
      kids[p]!.push(i);
    }
  }
  const x = new Float64Array(m);
  let leaves = 0;
  // Post-order without recursion (trees can be hundreds deep on a lattice).
  const stack: [number, number][] = roots.slice().reverse().map((r) => [r, 0]);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [v, k] = top;
    const list = kids[v]!;
    if (k < list.length) {
      top[1] = k + 1;
      stack.push([list[k]!, 0]);
      continue;
    }
    stack.pop();
    x[v] = list.length === 0 ? leaves++ : (x[list[0]!]! + x[list[list.length - 1]!]!) / 2;
  }
  let generations = 0;
  for (let i = 0; i < m; i++) generations = Math.max(generations, depth[i]!);
  const y = new Float64Array(m);
  const span = Math.max(1, leaves - 1);
  for (let i = 0; i < m; i++) {
    x[i] = leaves <= 1 ? 0.5 : x[i]! / span;
    y[i] = generations === 0 ? 0.5 : depth[i]! / generations;
  }
  return { x, y, children, parent, generations };
}

/** The infection tree: edges from infector to infected, dots coloured by state, sized by offspring. */
export function drawTree(ctx: CanvasRenderingContext2D, pairs: Int32Array, state: Uint8Array, layout: TreeLayout, colours: ViewColours, width: number, height: number): void {
  const m = pairs.length >> 1;
  const pad = 12;
  const X = (i: number) => pad + layout.x[i]! * (width - 2 * pad);
  const Y = (i: number) => pad + layout.y[i]! * (height - 2 * pad);
  ctx.clearRect(0, 0, width, height);
  ctx.strokeStyle = colours.fg;
  ctx.globalAlpha = 0.35;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let i = 0; i < m; i++) {
    const p = layout.parent[i]!;
    if (p < 0) continue;
    ctx.moveTo(X(p), Y(p));
    ctx.lineTo(X(i), Y(i));
  }
  ctx.stroke();
  ctx.globalAlpha = 1;
  const fill = [colours.S, colours.I, colours.R];
  const base = m > 200 ? 1.8 : 2.6;
  for (let i = 0; i < m; i++) {
    const r = base + Math.sqrt(layout.children[i]!) * 1.6;
    ctx.fillStyle = fill[state[pairs[2 * i]!]!] ?? colours.R;
    ctx.beginPath();
    ctx.arc(X(i), Y(i), r, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** Degree k and how many have it, for the plot (zeros left out: a log axis cannot show them). */
export function degreeRows(counts: ArrayLike<number>, n: number): { k: number; p: number }[] {
  const rows: { k: number; p: number }[] = [];
  for (let k = 0; k < counts.length; k++) if (counts[k]! > 0) rows.push({ k, p: counts[k]! / n });
  return rows;
}
