/**
 * The one seeded pseudo-random source for everything random in the app (simulations, shuffles,
 * fuzzing). sfc32, seeded through splitmix32 from a 32-bit seed or a string: fast, small state,
 * good statistical quality for teaching simulations; not for cryptography. Same seed, same stream.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** A new array with the items in a seeded random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** The generator's state, to resume exactly where it was. */
  state(): [number, number, number, number];
}

/** A 32-bit seed from any text (FNV-1a), e.g. a student id plus a question set id. */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRandom(
  seed: number | string,
  resume?: readonly [number, number, number, number],
): Random {
  const mix = splitmix32(typeof seed === 'string' ? seedFromString(seed) : seed);
  let [a, b, c, d] = resume ?? [mix(), mix(), mix(), mix()];
  const nextU32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  if (!resume) for (let i = 0; i < 12; i++) nextU32();
  const next = () => nextU32() / 4294967296;
  return {
    next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`int(${min}, ${max})`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    state: () => [a, b, c, d],
  };
}
