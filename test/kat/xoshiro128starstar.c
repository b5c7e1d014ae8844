/*
 * Reference xoshiro128** for the known-answer tests in test/unit/rng.test.ts.
 *
 * Written from the definition in D. Blackman & S. Vigna, "Scrambled linear pseudorandom number
 * generators", ACM Trans. Math. Softw. 47(4), 36 (2021), doi:10.1145/3460772: xoshiro128 with
 * the ** scrambler, parameters a = 9, b = 11 (state transition) and s = 5, r = 7, t = 9
 * (scrambler: rotl(s1 * 5, 7) * 9). All arithmetic is on uint32_t, so wrap-around is exact.
 *
 * It also prints the 53-bit uniforms [0, 1) built from two consecutive outputs a, b as
 *   ((a >> 5) * 67108864 + (b >> 6)) / 9007199254740992      (Matsumoto & Nishimura's genrand_res53)
 * with %.17g, which round-trips every double exactly.
 *
 * Compile and run (from the repository root):
 *   gcc -O2 -std=c99 -Wall -o /tmp/x test/kat/xoshiro128starstar.c && /tmp/x
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t s[4];

static inline uint32_t rotl(const uint32_t x, int k) {
	return (x << k) | (x >> (32 - k));
}

static uint32_t next(void) {
	const uint32_t result = rotl(s[1] * 5, 7) * 9;
	const uint32_t t = s[1] << 9;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];

	s[2] ^= t;

	s[3] = rotl(s[3], 11);

	return result;
}

static double res53(void) {
	const uint32_t a = next() >> 5, b = next() >> 6;
	return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

static void run(const char *name, uint32_t s0, uint32_t s1, uint32_t s2, uint32_t s3) {
	int i;
	s[0] = s0; s[1] = s1; s[2] = s2; s[3] = s3;
	printf("state %s = {%u, %u, %u, %u}\nfirst 10 outputs:\n", name, s0, s1, s2, s3);
	for (i = 0; i < 10; i++) printf("  %u,\n", next());
	printf("state after 10 outputs: {%u, %u, %u, %u}\n", s[0], s[1], s[2], s[3]);
	printf("next 5 uniforms (res53, two outputs each):\n");
	for (i = 0; i < 5; i++) printf("  %.17g,\n", res53());
	printf("\n");
}

int main(void) {
	run("A", 1u, 2u, 3u, 4u);
	/* "Random-looking": 2^32/phi, then the first 32 fractional bits of sqrt(2), sqrt(3), sqrt(5)
	   (the SHA-256 initial words H0, H1, H2). */
	run("B", 0x9E3779B9u, 0x6A09E667u, 0xBB67AE85u, 0x3C6EF372u);
	return 0;
}
