/*
 * Baseline for `npm run bench`: the Gillespie direct method for stochastic SIR in plain C, with
 * the random numbers of simulations/sir-stochastic: xoshiro128**, waiting times by Marsaglia and
 * Tsang's ziggurat (the same tables, with libm's exp and log), events chosen by one 32-bit
 * uniform. MODE "log" draws the waiting time by -log(u) instead (the textbook method).
 * Runs RUNS runs of N people (R0, gamma = 0.2, I0 infected) to extinction; prints events/s.
 * Build: cc -O2 -o gillespie gillespie.c -lm ; run: ./gillespie N R0 I0 RUNS [zig|log]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint32_t s[4];
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next_u32(void) {
  uint32_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
  return result;
}
static double zk[256], zw[256], zf[256];
static const double ZR = 7.697117470131487, ZV = 3.949659822581572e-3;
static void zigset(void) {
  double m2 = 4294967296.0, de = ZR, te = ZR, q = ZV / exp(-de);
  zk[0] = floor((de / q) * m2); zk[1] = 0; zw[0] = q / m2; zw[255] = de / m2; zf[0] = 1; zf[255] = exp(-de);
  for (int i = 254; i >= 1; i--) {
    de = -log(ZV / de + exp(-de)); zk[i + 1] = floor((de / te) * m2); te = de; zf[i] = exp(-de); zw[i] = de / m2;
  }
}
static inline double uniform(void);
static double zig_edge(uint32_t jz, int iz) {
  for (;;) {
    if (iz == 0) return ZR - log(1.0 - uniform());
    double x = jz * zw[iz];
    if (zf[iz] + uniform() * (zf[iz - 1] - zf[iz]) < exp(-x)) return x;
    jz = next_u32(); iz = jz & 255;
    if (jz < zk[iz]) return jz * zw[iz];
  }
}
static inline double exp_zig(void) {
  uint32_t jz = next_u32(); int iz = jz & 255;
  return jz < zk[iz] ? jz * zw[iz] : zig_edge(jz, iz);
}
static inline double uniform(void) {
  uint32_t a = next_u32() >> 5, b = next_u32() >> 6;
  return (a * 67108864.0 + b) / 9007199254740992.0;
}
/* splitmix32-style seeding: the baseline needs independent streams, not the project's exact ones. */
static void seed(uint32_t x) {
  for (int i = 0; i < 4; i++) { x += 0x9e3779b9u; uint32_t z = x; z = (z ^ (z >> 16)) * 0x85ebca6bu; z = (z ^ (z >> 13)) * 0xc2b2ae35u; s[i] = z ^ (z >> 16); }
}

int main(int argc, char **argv) {
  long N = argc > 1 ? atol(argv[1]) : 100000;
  double R0 = argc > 2 ? atof(argv[2]) : 2.5, gamma = 0.2;
  long I0 = argc > 3 ? atol(argv[3]) : 10, runs = argc > 4 ? atol(argv[4]) : 40;
  int use_log = argc > 5 && argv[5][0] == 'l';
  zigset();
  double beta = R0 * gamma;
  long long events = 0;
  double checksum = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long r = 0; r < runs; r++) {
    seed((uint32_t)(r * 2654435761u + 12345u));
    long S = N - I0, I = I0;
    double t = 0;
    while (I > 0) {
      double infection = beta * (double)S * (double)I / (double)N;
      double total = infection + gamma * (double)I;
      t += (use_log ? -log(1.0 - uniform()) : exp_zig()) / total;
      if (next_u32() * 2.3283064365386963e-10 * total < infection) { S--; I++; } else { I--; }
      events++;
    }
    checksum += t + (double)S;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
  printf("{\"events\": %lld, \"seconds\": %.6f, \"eventsPerSecond\": %.0f, \"checksum\": %.6f}\n", events, secs, (double)events / secs, checksum);
  return 0;
}
