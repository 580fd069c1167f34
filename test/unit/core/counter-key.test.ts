import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentCounterKey, contentKey, counterKey } from '../../../src/core/content-hash';

/**
 * The occurrence counter keys each record by counterKey of its content key, and a saved
 * cursor carries those numbers to the next sync: the key made from its parts, without
 * the text, must be the very same number.
 */
describe('contentCounterKey', () => {
  it('is counterKey of the content key, for any content', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom('banka', 'bankb', 'manual', '', 'é\u001f'),
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 0, -1, 2 ** 53, -(2 ** 60), 1e21, 0.1)),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (accountId, provider, date, amountCents, description) => {
          const t = { date, amountCents, description };
          expect(contentCounterKey(accountId, provider, t)).toBe(counterKey(contentKey(accountId, provider, t)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on bank-shaped records', () => {
    const t = { date: '2026-11-01', amountCents: -450, description: 'SQ *BLUE  bottle coffee ' };
    expect(contentCounterKey(3, 'banka', t)).toBe(counterKey(contentKey(3, 'banka', t)));
  });
});
