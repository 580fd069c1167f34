// Requests per access URL per UTC day, the unit in which the Bridge asks apps to stay under
// 24. Keyed by the access URL's user, which is not secret on its own.

export function utcDay(ms: number): number {
  return Math.floor(ms / 86_400_000);
}

export class DailyCounter {
  private readonly counts = new Map<string, number>();

  /** Counts one request and returns how many `key` made that day, this one included. */
  count(key: string, day: number): number {
    const id = `${day}:${key}`;
    const next = (this.counts.get(id) ?? 0) + 1;
    this.counts.set(id, next);
    return next;
  }

  /** All requests of one day, over every key. */
  total(day: number): number {
    let sum = 0;
    for (const [id, count] of this.counts) if (id.startsWith(`${day}:`)) sum += count;
    return sum;
  }
}
