/**
 * Jacobi-preconditioned conjugate gradients for a dense symmetric positive definite system A x = b.
 * A is the leading n × n block of a row-major matrix with row stride `stride`, so a sub-problem
 * (the rod alone) is solved in place inside the full matrix. The workspace is allocated once; a
 * solve allocates nothing. x holds the starting guess on entry (warm start) and the solution on exit.
 */
export class ConjugateGradient {
  private readonly r: Float64Array;
  private readonly z: Float64Array;
  private readonly p: Float64Array;
  private readonly q: Float64Array;
  private readonly inverseDiagonal: Float64Array;
  /** Iterations and final ‖b − A x‖ / ‖b‖ of the last solve. */
  iterations = 0;
  relativeResidual = 0;

  constructor(capacity: number) {
    this.r = new Float64Array(capacity);
    this.z = new Float64Array(capacity);
    this.p = new Float64Array(capacity);
    this.q = new Float64Array(capacity);
    this.inverseDiagonal = new Float64Array(capacity);
  }

  /** Stops at ‖r‖ ≤ tolerance·‖b‖; throws when maxIterations pass without getting there. */
  solve(A: Float64Array, n: number, stride: number, b: Float64Array, x: Float64Array, tolerance: number, maxIterations: number): void {
    const { r, z, p, q, inverseDiagonal: m } = this;
    for (let i = 0; i < n; i++) m[i] = 1 / A[i * stride + i]!;
    multiply(A, n, stride, x, q);
    let bNorm2 = 0, rNorm2 = 0, rz = 0;
    for (let i = 0; i < n; i++) {
      const ri = b[i]! - q[i]!;
      r[i] = ri;
      z[i] = m[i]! * ri;
      p[i] = z[i]!;
      bNorm2 += b[i]! * b[i]!;
      rNorm2 += ri * ri;
      rz += ri * z[i]!;
    }
    const target2 = tolerance * tolerance * bNorm2;
    let k = 0;
    while (rNorm2 > target2) {
      if (k === maxIterations) throw new Error(`conjugate gradients: no convergence in ${maxIterations} iterations`);
      multiply(A, n, stride, p, q);
      let pq = 0;
      for (let i = 0; i < n; i++) pq += p[i]! * q[i]!;
      const alpha = rz / pq;
      rNorm2 = 0;
      let rzNext = 0;
      for (let i = 0; i < n; i++) {
        x[i] = x[i]! + alpha * p[i]!;
        const ri = r[i]! - alpha * q[i]!;
        r[i] = ri;
        const zi = m[i]! * ri;
        z[i] = zi;
        rNorm2 += ri * ri;
        rzNext += ri * zi;
      }
      const beta = rzNext / rz;
      rz = rzNext;
      for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
      k++;
    }
    this.iterations = k;
    this.relativeResidual = bNorm2 > 0 ? Math.sqrt(rNorm2 / bNorm2) : 0;
  }
}

/** y = A x for the leading n × n block. */
function multiply(A: Float64Array, n: number, stride: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * stride;
    let s = 0;
    for (let j = 0; j < n; j++) s += A[row + j]! * x[j]!;
    y[i] = s;
  }
}
