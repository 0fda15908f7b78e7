/**
 * Which totals a bounded stock of integer-sized items can make, and the fewest items for each: a
 * bounded-knapsack table over exact integers, so any inventory works, including ones where "take the
 * biggest first" fails (15 + 10 + 10 with no 20s or 5s). Among equally few items it prefers the
 * heaviest sizes, the way a lifter loads. It knows nothing about bars, units or sides.
 */

/** `count` items of integer `size` (both positive). */
export interface Stock {
  readonly size: number;
  readonly count: number;
}

/** Fewest-items table for sums 0 … limit × step (every reachable sum is a multiple of `step`). */
export interface SumTable {
  readonly step: number;
  readonly limit: number;
  readonly sizes: readonly number[];
  readonly counts: readonly number[];
  /** layers[i][j]: fewest items from the first i sizes (ascending) summing to j × step, or NONE. */
  readonly layers: readonly Uint16Array[];
}

const NONE = 0xffff;

/** The table for sums up to `maxSum`, or up to the whole stock when that is smaller. */
export function buildSumTable(stock: readonly Stock[], maxSum: number): SumTable {
  const merged = mergeStock(stock);
  const sizes = merged.map((entry) => entry.size);
  const counts = merged.map((entry) => entry.count);
  const step = sizes.reduce(gcd, 0) || 1;
  const total = merged.reduce((sum, entry) => sum + entry.size * entry.count, 0);
  const limit = Math.max(0, Math.floor(Math.min(maxSum, total) / step));
  const first = new Uint16Array(limit + 1).fill(NONE);
  first[0] = 0;
  const layers: Uint16Array[] = [first];
  let previous: Uint16Array = first;
  for (const [index, size] of sizes.entries()) {
    previous = addSize(previous, size / step, counts[index] ?? 0);
    layers.push(previous);
  }
  return { step, limit, sizes, counts, layers };
}

/** Fewest items summing exactly to `sum`, or undefined when it cannot be made (or is past the table). */
export function fewestItems(table: SumTable, sum: number): number | undefined {
  const index = indexOf(table, sum);
  if (index === undefined) return undefined;
  const best = cell(table.layers[table.layers.length - 1], index);
  return best === NONE ? undefined : best;
}

/** How many of each size (aligned with `table.sizes`) make `sum` with the fewest items, heaviest first. */
export function composition(table: SumTable, sum: number): readonly number[] | undefined {
  let index = indexOf(table, sum);
  if (index === undefined || fewestItems(table, sum) === undefined) return undefined;
  const used = table.sizes.map(() => 0);
  for (let layer = table.sizes.length; layer >= 1; layer -= 1) {
    const size = (table.sizes[layer - 1] ?? 0) / table.step;
    const available = table.counts[layer - 1] ?? 0;
    const best = cell(table.layers[layer], index);
    const below = table.layers[layer - 1];
    for (let take = Math.min(available, Math.floor(index / size)); take >= 0; take -= 1) {
      const rest = cell(below, index - take * size);
      if (rest !== NONE && rest + take === best) {
        used[layer - 1] = take;
        index -= take * size;
        break;
      }
    }
  }
  return used;
}

/** Largest reachable index ≤ `index` (0 is always reachable). */
export function reachableAtOrBelow(table: SumTable, index: number): number {
  const last = table.layers[table.layers.length - 1];
  let j = Math.min(Math.floor(index), table.limit);
  while (j > 0 && cell(last, j) === NONE) j -= 1;
  return Math.max(j, 0);
}

/** Smallest reachable index ≥ `index`, or undefined past the table. */
export function reachableAtOrAbove(table: SumTable, index: number): number | undefined {
  const last = table.layers[table.layers.length - 1];
  for (let j = Math.max(0, Math.ceil(index)); j <= table.limit; j += 1) {
    if (cell(last, j) !== NONE) return j;
  }
  return undefined;
}

// Adds up to `count` items of `size` to every sum: for each residue class mod `size`, the best
// previous sum within `count` steps back is a sliding-window minimum, kept in a monotone deque.
function addSize(previous: Uint16Array, size: number, count: number): Uint16Array {
  const next = new Uint16Array(previous.length).fill(NONE);
  const queueSteps = new Int32Array(previous.length);
  const queueKeys = new Int32Array(previous.length);
  for (let residue = 0; residue < Math.min(size, previous.length); residue += 1) {
    let head = 0;
    let tail = 0;
    for (let j = 0, sum = residue; sum < previous.length; j += 1, sum += size) {
      const before = cell(previous, sum);
      if (before !== NONE) {
        const key = before - j;
        while (tail > head && (queueKeys[tail - 1] ?? 0) >= key) tail -= 1;
        queueSteps[tail] = j;
        queueKeys[tail] = key;
        tail += 1;
      }
      while (tail > head && (queueSteps[head] ?? 0) < j - count) head += 1;
      if (tail > head) next[sum] = (queueKeys[head] ?? 0) + j;
    }
  }
  return next;
}

function mergeStock(stock: readonly Stock[]): Stock[] {
  const bySize = new Map<number, number>();
  for (const { size, count } of stock) {
    if (size > 0 && count > 0) bySize.set(size, (bySize.get(size) ?? 0) + count);
  }
  return [...bySize.entries()].map(([size, count]) => ({ size, count })).sort((a, b) => a.size - b.size);
}

function indexOf(table: SumTable, sum: number): number | undefined {
  if (!Number.isInteger(sum) || sum < 0 || sum % table.step !== 0) return undefined;
  const index = sum / table.step;
  return index <= table.limit ? index : undefined;
}

function cell(layer: Uint16Array | undefined, index: number): number {
  return layer?.[index] ?? NONE;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
