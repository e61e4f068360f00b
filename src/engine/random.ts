/**
 * The one seeded pseudo-random source for everything random in the app (simulations, shuffles,
 * fuzzing). sfc32, seeded through splitmix32 from a 32-bit seed or a string: fast, small state,
 * good statistical quality for teaching simulations; not for cryptography. Same seed, same stream.
 * Call its functions as methods (`random.next()`), not detached from the object.
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

/**
 * sfc32 with its state in an Int32Array rather than in closure variables: simulations draw
 * millions of numbers, and a closure variable holding a new 32-bit value is boxed in a heap number
 * on every draw, which a typed array's element is not. The arithmetic is modulo 2³² either way,
 * so the stream is the same bits (tests pin it). One class, so every call site sees one shape.
 */
class Sfc32 implements Random {
  private readonly s = new Int32Array(4);

  constructor(seed: number | string, resume?: readonly [number, number, number, number]) {
    const s = this.s;
    if (resume) s.set(resume);
    else {
      const mix = splitmix32(typeof seed === 'string' ? seedFromString(seed) : seed);
      for (let i = 0; i < 4; i++) s[i] = mix();
      for (let i = 0; i < 12; i++) this.next();
    }
  }

  next(): number {
    const s = this.s;
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (a + b + d) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    s[3] = d + 1;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(${min}, ${max})`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  state(): [number, number, number, number] {
    // As sfc32 leaves them: the first word signed (an xor of 32-bit values), the others unsigned.
    const s = this.s;
    return [s[0]!, s[1]! >>> 0, s[2]! >>> 0, s[3]! >>> 0];
  }
}

export function createRandom(
  seed: number | string,
  resume?: readonly [number, number, number, number],
): Random {
  return new Sfc32(seed, resume);
}
