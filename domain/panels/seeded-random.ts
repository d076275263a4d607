/**
 * A seeded pseudo-random source for the expert draw. Math.random cannot be seeded, so a draw
 * made with it could never be replayed when the draw is audited or disputed. mulberry32 is a
 * public-domain 32-bit generator of a few lines, statistically plenty for shuffling a few dozen
 * experts (this is a fair lot, not cryptography: the seed is recorded openly); no library is
 * worth a dependency for it, and we cannot add one here anyway. Changing this file changes
 * every past draw's replay, so its output is pinned by a test.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A 32-bit seed for one keyed draw (FNV-1a over "seed:key"). Each declaration gets its own
 * stream, so adding, removing or reordering declarations never changes another one's panel.
 */
export function seedFor(seed: number, key: string): number {
  const text = `${seed}:${key}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

/** A shuffled copy (Fisher–Yates), every order equally likely given a uniform source. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
