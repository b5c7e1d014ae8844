/**
 * Classical fourth-order Runge–Kutta for the tests' independent solutions of the epidemic
 * equations: `stepsPerDay` equal steps per day, the state recorded at every whole day 0…days.
 * The rates of a step are those of its interval, taken at the step's midpoint: interventions
 * switch at whole days, and a step's last stage sits on the switch itself.
 */
export type Rates = (t: number, y: readonly number[]) => number[];

export function rk4Days(rates: Rates, y0: readonly number[], days: number, stepsPerDay: number): number[][] {
  const h = 1 / stepsPerDay;
  let y = [...y0];
  const out: number[][] = [];
  for (let day = 0; day <= days; day++) {
    out.push(y);
    if (day === days) break;
    for (let step = 0; step < stepsPerDay; step++) {
      const mid = day + step * h + h / 2;
      const k1 = rates(mid, y);
      const k2 = rates(mid, y.map((v, j) => v + (h / 2) * k1[j]!));
      const k3 = rates(mid, y.map((v, j) => v + (h / 2) * k2[j]!));
      const k4 = rates(mid, y.map((v, j) => v + h * k3[j]!));
      y = y.map((v, j) => v + (h / 6) * (k1[j]! + 2 * k2[j]! + 2 * k3[j]! + k4[j]!));
    }
  }
  return out;
}
