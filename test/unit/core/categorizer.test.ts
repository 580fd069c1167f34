import { describe, expect, it } from 'vitest';
import { createCategorizer } from '../../../src/core/categorize/categorizer';

const categorize = createCategorizer().categorize;
const guess = (description: string, amountCents = -1250, providerCategory: string | null = null) =>
  categorize({ description, merchant: null, amountCents, providerCategory });

describe('the built-in categorizer', () => {
  it.each([
    ['WHOLEFDS MKT 10234', 'groceries'],
    ['SQ *BLUE BOTTLE COFFEE San Francisco CA', 'dining'],
    ['DD *DOORDASH CHIPOTLE', 'dining'],
    ['UBER *EATS HELP.UBER.COM CA', 'dining'],
    ['UBER *TRIP HELP.UBER.COM CA', 'transport'],
    ['POS DEBIT 4451 SHELL OIL 57442658100', 'gas'],
    ['AMZN Mktp US*2K3L45TY2', 'shopping'],
    ['PAYPAL *NETFLIX', 'subscriptions'],
    ['REWE SAGT DANKE. 12345678//Berlin/DE', 'groceries'],
  ])('reads %s as %s', (description, category) => {
    expect(guess(description)).toEqual({ category, source: 'builtin' });
  });

  it('matches whole words only: COFFEE is not a fee, CURRENT is not rent', () => {
    expect(guess('BLUE BOTTLE COFFEE').category).toBe('dining');
    expect(guess('CURRENT ACCOUNT CHARGE XYZ').category).toBe('uncategorized');
  });

  it('uses the sign: pay coming in is income, money out named like pay is not', () => {
    expect(guess('ACH DEP ACME CORP PAYROLL', 250000).category).toBe('income');
    expect(guess('PAYROLL ADVANCE REPAYMENT', -5000).category).toBe('transfer');
  });

  it('falls back to the bank’s category, then uncategorized', () => {
    expect(guess('ZXQ 123', -100, 'FOOD_AND_DRINK')).toEqual({ category: 'dining', source: 'provider' });
    expect(guess('ZXQ 123')).toEqual({ category: 'uncategorized', source: 'none' });
  });
});
