/**
 * Which totals a bounded stock of integer-sized items can make, and the fewest items for each, found
 * by exact search over the totals (bounded knapsack), so any inventory works, including ones where
 * "take the biggest first" fails (15 + 10 + 10 with no 20s or 5s). Among equally few items it takes
 * as many of the first entry as it can, then of the second, and so on: list the heaviest first and it
 * loads the way a lifter does. Work grows with the number of reachable totals times the counts, so
 * callers keep stocks small. It knows nothing about bars, units or sides.
 */

/** `count` items of integer `size`. */
export interface Stock {
  readonly size: number;
  readonly count: number;
}

/** Every total the stock can make, mapped to how many of each entry (in stock order) make it. */
export function fewestItems(stock: readonly Stock[]): Map<number, readonly number[]> {
  let best = new Map<number, readonly number[]>([[0, []]]);
  for (const { size, count } of stock) {
    const next = new Map<number, readonly number[]>();
    for (const [sum, counts] of best) {
      for (let take = 0; take <= count; take += 1) {
        const candidate = [...counts, take];
        const seen = next.get(sum + take * size);
        if (seen === undefined || better(candidate, seen)) next.set(sum + take * size, candidate);
      }
    }
    best = next;
  }
  return best;
}

// Fewer items, then more of the earliest entry where the two differ.
function better(a: readonly number[], b: readonly number[]): boolean {
  const difference = total(a) - total(b);
  const index = a.findIndex((count, i) => count !== b[i]);
  return difference < 0 || (difference === 0 && index >= 0 && (a[index] ?? 0) > (b[index] ?? 0));
}

function total(counts: readonly number[]): number {
  return counts.reduce((sum, count) => sum + count, 0);
}
