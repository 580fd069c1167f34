import { describe, expect, it } from 'vitest';
import { AUTO_CONFIDENCE, planPairs, scorePair, type TransferRow } from '../../../src/core/transfer-match';

let nextId = 1;
const row = (over: Partial<TransferRow>): TransferRow => ({
  id: nextId++,
  accountId: 1,
  accountType: 'checking',
  accountMask: '1234',
  currency: 'USD',
  amountCents: -10_000,
  date: '2026-11-10',
  description: 'SOMETHING',
  ...over,
});

describe('pairing transfers between own accounts', () => {
  it('pairs a card payment with the card’s credit a day later, and says why', () => {
    const out = row({ description: 'ONLINE PAYMENT TO CREDIT CARD XXXX9876', amountCents: -103_607 });
    const into = row({
      accountId: 2,
      accountType: 'credit',
      accountMask: '9876',
      amountCents: 103_607,
      date: '2026-11-11',
      description: 'AUTOMATIC PAYMENT - THANK YOU',
    });
    const c = scorePair(out, into)!;
    expect(c.confidence).toBeGreaterThanOrEqual(AUTO_CONFIDENCE);
    expect(c.reasons).toContain("a side names the other account's number");
    expect(planPairs([c]).pairs).toEqual([c]);
  });

  it('never pairs across currencies, within one account, or amounts that differ', () => {
    const out = row({});
    expect(scorePair(out, row({ accountId: 2, amountCents: 10_000, currency: 'EUR' }))).toBeUndefined();
    expect(scorePair(out, row({ accountId: 1, amountCents: 10_000 }))).toBeUndefined();
    expect(scorePair(out, row({ accountId: 2, amountCents: 10_001 }))).toBeUndefined();
    expect(scorePair(out, row({ accountId: 2, amountCents: 10_000, date: '2026-11-20' }))).toBeUndefined();
  });

  it('does not pair two unrelated rows of the same amount a day apart: at most a question', () => {
    const groceries = row({ accountType: 'credit', description: 'TRADER JOE S 552 DENVER CO', amountCents: -5_210 });
    const venmo = row({ accountId: 3, description: 'VENMO CASHOUT', amountCents: 5_210, date: '2026-11-11' });
    const c = scorePair(groceries, venmo)!;
    expect(c.confidence).toBeLessThan(AUTO_CONFIDENCE);
    expect(planPairs([c]).pairs).toEqual([]);
    // Pay never pairs with an outflow of the same amount, whatever it says.
    const pay = row({ accountId: 3, description: 'ACH DEP NORTHWIND SOFTWARE PAYROLL', amountCents: 164_400 });
    const transfer = row({ description: 'ONLINE TRANSFER TO SAV XXXXXX4321', amountCents: -164_400 });
    expect(planPairs([scorePair(transfer, pay)!]).pairs).toEqual([]);
  });

  it('leaves a contested pair to the person, and pairs each row at most once', () => {
    const into = row({
      accountId: 2,
      accountType: 'savings',
      amountCents: 50_000,
      description: 'TRANSFER FROM CHK',
      date: '2026-11-10',
    });
    const a = row({ description: 'TRANSFER TO SAV', amountCents: -50_000 });
    const b = row({ accountId: 3, description: 'TRANSFER TO SAV', amountCents: -50_000 });
    const plan = planPairs([scorePair(a, into)!, scorePair(b, into)!]);
    expect(plan.pairs).toEqual([]);
    expect(plan.review).toHaveLength(2);
    // With one clearly better (it names the account), that one pairs and the other is not offered again.
    const named = row({ accountId: 4, description: 'TRANSFER TO SAV XXXXXX1234', amountCents: -50_000 });
    const better = planPairs([scorePair(a, into)!, scorePair(named, into)!]);
    expect(better.pairs.map((p) => p.out.id)).toEqual([named.id]);
    expect(better.review).toEqual([]);
  });
});
