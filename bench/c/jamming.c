/*
 * Baseline for `npm run bench`: the jamming engine's force loop (simulations/jamming/packing.ts)
 * in plain C — the same cell list (cells at least 1.4 wide, rebuilt with every evaluation), the same
 * half shell with precomputed periodic image shifts, the same harmonic pair force, energy and
 * virial — on the very configuration the JavaScript bench relaxed, read from a file:
 *   line 1: N box; then N lines: x y diameter.
 * Prints {"particleStepsPerSecond": …} for evaluations repeated for at least 0.3 s.
 * Build: cc -O2 -o jamming jamming.c -lm ; run: ./jamming FILE
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int n, cells;
static double box;
static double *x, *y, *d, *fx, *fy;
static int *head, *next, *neighbour;
static signed char *shiftX, *shiftY;
static double energy, virial;

static const int NDX[4] = {1, 1, 0, -1}, NDY[4] = {0, 1, 1, 1};

static void lay_cells(void) {
  cells = (int)floor(box / 1.4);
  head = malloc(sizeof(int) * cells * cells);
  neighbour = malloc(sizeof(int) * cells * cells * 4);
  shiftX = malloc(cells * cells * 4);
  shiftY = malloc(cells * cells * 4);
  for (int cy = 0; cy < cells; cy++)
    for (int cx = 0; cx < cells; cx++)
      for (int k = 0; k < 4; k++) {
        int nx = cx + NDX[k], ny = cy + NDY[k], slot = (cy * cells + cx) * 4 + k;
        neighbour[slot] = ((ny + cells) % cells) * cells + ((nx + cells) % cells);
        shiftX[slot] = nx < 0 ? -1 : nx >= cells ? 1 : 0;
        shiftY[slot] = ny >= cells ? 1 : 0;
      }
}

static void forces(void) {
  double size = box / cells, inv = 1 / size;
  for (int i = 0; i < n; i++) fx[i] = fy[i] = 0;
  for (int c = 0; c < cells * cells; c++) head[c] = -1;
  for (int i = 0; i < n; i++) {
    double xi = x[i] - box * floor(x[i] / box), yi = y[i] - box * floor(y[i] / box);
    x[i] = xi; y[i] = yi;
    int cx = (int)floor(xi * inv), cy = (int)floor(yi * inv);
    if (cx > cells - 1) cx = cells - 1;
    if (cy > cells - 1) cy = cells - 1;
    int c = cy * cells + cx;
    next[i] = head[c]; head[c] = i;
  }
  double e = 0, v = 0;
  for (int c = 0; c < cells * cells; c++)
    for (int i = head[c]; i >= 0; i = next[i]) {
      double xi = x[i], yi = y[i], di = d[i], fxi = 0, fyi = 0;
      for (int k = -1; k < 4; k++) {
        int j; double ox = 0, oy = 0;
        if (k < 0) j = next[i];
        else { int slot = c * 4 + k; j = head[neighbour[slot]]; ox = shiftX[slot] * box; oy = shiftY[slot] * box; }
        for (; j >= 0; j = next[j]) {
          double dx = x[j] + ox - xi, dy = y[j] + oy - yi, sigma = 0.5 * (di + d[j]), r2 = dx * dx + dy * dy;
          if (r2 >= sigma * sigma) continue;
          double r = sqrt(r2), delta = 1 - r / sigma, f = delta / sigma;
          e += delta * delta; v += r * f;
          double gx = f * dx / r, gy = f * dy / r;
          fxi -= gx; fyi -= gy; fx[j] += gx; fy[j] += gy;
        }
      }
      fx[i] += fxi; fy[i] += fyi;
    }
  energy = e / 2; virial = v;
}

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: jamming FILE\n"); return 2; }
  FILE *in = fopen(argv[1], "r");
  if (!in || fscanf(in, "%d %lf", &n, &box) != 2) { fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
  x = malloc(sizeof(double) * n); y = malloc(sizeof(double) * n); d = malloc(sizeof(double) * n);
  fx = malloc(sizeof(double) * n); fy = malloc(sizeof(double) * n); next = malloc(sizeof(int) * n);
  for (int i = 0; i < n; i++) if (fscanf(in, "%lf %lf %lf", &x[i], &y[i], &d[i]) != 3) { fprintf(stderr, "bad line %d\n", i + 2); return 2; }
  fclose(in);
  lay_cells();
  struct timespec t0, t1;
  long calls = 0;
  double elapsed = 0, sink = 0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  do {
    forces();
    sink += energy + virial;
    calls++;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    elapsed = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  } while (elapsed < 0.3);
  printf("{\"particleStepsPerSecond\": %.6g, \"energy\": %.17g}\n", (double)calls * n / elapsed, sink / calls);
  return 0;
}
