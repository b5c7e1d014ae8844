"""Known answers for simulations/core/rng.ts: stream seeding and the first uniforms of a stream.

Generated with Python 3.11.7 and numpy 2.4.6. Run from the repository root:

    python3 test/kat/seedsequence.py

Stream (seed, stream) starts from the state

    np.random.SeedSequence(entropy=seed, spawn_key=(stream,)).generate_state(4, np.uint32)

i.e. the state numpy gives the child `SeedSequence(seed).spawn(stream + 1)[stream]`. The state
words come from numpy itself; the script also re-derives them with a plain-Python transcription
of numpy/random/bit_generator.pyx (as a check that the algorithm written in rng.ts is the one
numpy runs), and then runs its own xoshiro128** (Blackman & Vigna, ACM TOMS 47(4) 36, 2021) and
53-bit uniforms (genrand_res53) on top of numpy's state, independently of the TypeScript.
"""
import numpy as np

M32 = 0xFFFFFFFF

# ---- plain-Python SeedSequence (cross-check only; the vectors below use numpy's output) ----
INIT_A, MULT_A = 0x43B0D7E5, 0x931E8875
INIT_B, MULT_B = 0x8B51F9DD, 0x58F38DED
MIX_MULT_L, MIX_MULT_R = 0xCA01F9DD, 0x4973F715


def py_seed_sequence_state(seed, stream, pool_size=4):
    # entropy < 2**32 is one word (0 is the word [0]); with a spawn key the run entropy is
    # zero-padded to the pool size (numpy >= 1.19, gh-16539) and the key words follow.
    entropy = [seed] + [0] * (pool_size - 1) + [stream]
    hc = INIT_A

    def hashmix(value):
        nonlocal hc
        value ^= hc
        hc = (hc * MULT_A) & M32
        value = (value * hc) & M32
        return value ^ (value >> 16)

    def mix(x, y):
        r = (MIX_MULT_L * x - MIX_MULT_R * y) & M32
        return r ^ (r >> 16)

    pool = [hashmix(entropy[i]) for i in range(pool_size)]
    for i_src in range(pool_size):
        for i_dst in range(pool_size):
            if i_src != i_dst:
                pool[i_dst] = mix(pool[i_dst], hashmix(pool[i_src]))
    for i_src in range(pool_size, len(entropy)):
        for i_dst in range(pool_size):
            pool[i_dst] = mix(pool[i_dst], hashmix(entropy[i_src]))

    out, hb = [], INIT_B
    for i in range(4):
        v = pool[i % pool_size] ^ hb
        hb = (hb * MULT_B) & M32
        v = (v * hb) & M32
        out.append(v ^ (v >> 16))
    return out


def numpy_state(seed, stream):
    ss = np.random.SeedSequence(entropy=seed, spawn_key=(stream,))
    words = [int(w) for w in ss.generate_state(4, np.uint32)]
    if stream < 100:  # the same state through the public spawn() route
        child = np.random.SeedSequence(seed).spawn(stream + 1)[stream]
        assert words == [int(w) for w in child.generate_state(4, np.uint32)], (seed, stream)
    assert words == py_seed_sequence_state(seed, stream), (seed, stream)
    return words


# ---- xoshiro128** and res53, straight from the paper ----
def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Xoshiro128ss:
    def __init__(self, s):
        self.s = list(s)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def uniform(self):
        a = self.next() >> 5
        b = self.next() >> 6
        # a * 2**26 + b < 2**53 is an exact integer, the division by 2**53 is exact too.
        return (a * 67108864 + b) / 9007199254740992


if __name__ == "__main__":
    print("numpy", np.__version__)
    print("stream seeding: (seed, stream) -> state words")
    for seed, stream in [(0, 0), (1, 0), (0, 1), (12345, 67), (4294967295, 4294967295)]:
        print(f"  [{seed}, {stream}, [{', '.join(str(w) for w in numpy_state(seed, stream))}]],")

    state = numpy_state(2026, 3)
    g = Xoshiro128ss(state)
    print("stream (2026, 3): state", state)
    print("  first 8 uniform():")
    for _ in range(8):
        print(f"    {g.uniform()!r},")
    print("  then 4 nextU32():", [g.next() for _ in range(4)])

    # A wider sweep for the cross-check of the Python transcription (no output).
    rs = np.random.default_rng(20260101)
    for seed, stream in rs.integers(0, 2**32, size=(2000, 2)).tolist():
        numpy_state(seed, stream)
    print("plain-Python SeedSequence agrees with numpy on 2000 random (seed, stream) pairs")
