import type { DeliveryState } from '../storage/alert-deliveries-repo';
import { shortTime } from './format';

/**
 * One channel's delivery of an alert in a few words, what `alerts --json` says in its
 * `deliveries`: delivered (when), skipped (why: recordDelivered keeps the note), retrying
 * (how often it failed, when it tries next, the last error, which is the longest and so
 * last, where a narrow dialog cuts it), or waiting for its first try.
 */
export function deliveryText(d: DeliveryState, timeZone: string): string {
  if (d.deliveredAt !== null)
    return d.lastError === null
      ? `delivered ${shortTime(d.deliveredAt, timeZone)}`
      : `skipped ${shortTime(d.deliveredAt, timeZone)}: ${d.lastError}`;
  if (d.attempts === 0) return 'waiting';
  const next = d.nextAttemptAt === null ? '' : `, next ${shortTime(d.nextAttemptAt, timeZone)}`;
  return `retrying: ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}${next}, last error: ${d.lastError ?? 'none given'}`;
}
