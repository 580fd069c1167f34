import type { SimEvent } from './event';
import type { SimWorld } from './world';

/**
 * The situations dedupe must handle, as predicates over ground truth, so that tests can
 * find a real instance in generated data instead of hand-building one.
 */
export const DEDUPE_CASES = {
  /** Two identical purchases on the same day (both are real). */
  twin: (event: SimEvent) => event.twinOf !== null,
  /** BankC: the pending amount posts with a tip under a new id that names nothing. */
  tipped: (event: SimEvent, nowMs: number) => event.postedCents !== event.amountCents && event.settleMs <= nowMs,
  /** BankC: a posted record comes back under a new id with the same content. */
  reissued: (event: SimEvent, nowMs: number) => event.reissueMs <= nowMs,
  /** BankB: a pending charge withdrawn, reported in `removed`. */
  cancelled: (event: SimEvent, nowMs: number) => event.cancelMs <= nowMs,
  /** A card authorization that has posted (BankA: same id, status flipped; BankB: new id naming it). */
  settled: (event: SimEvent, nowMs: number) => event.settleMs > event.authMs && event.settleMs <= nowMs,
} satisfies Record<string, (event: SimEvent, nowMs: number) => boolean>;

export type DedupeCase = keyof typeof DEDUPE_CASES;

/** Up to `limit` events of the bank's window at `nowMs` that show the case, oldest first. */
export function findCases(world: SimWorld, kind: DedupeCase, nowMs: number, limit = 10): SimEvent[] {
  const found: SimEvent[] = [];
  const { firstDay, today } = world.window(nowMs);
  const matches = DEDUPE_CASES[kind];
  for (const account of world.accounts) {
    world.scan(account, firstDay, today, (event) => {
      if (event.authMs <= nowMs && matches(event, nowMs)) found.push(event);
      return found.length < limit;
    });
    if (found.length >= limit) break;
  }
  return found;
}
