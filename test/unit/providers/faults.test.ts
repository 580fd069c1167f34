import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { normalizeBankCTransaction } from '../../../src/providers/bankc/normalize';
import { NormalizeError, ProviderError } from '../../../src/providers/errors';
import { parseFaults } from '../../../src/providers/sim/faults';
import { rngFor } from '../../../src/providers/sim/rng';
import { accountIds, drain, simProviders, TOKEN, BERLIN_NOW } from './support';

describe('FINAGG_SIM_FAULTS', () => {
  it('parses kinds, rates and banks; a rule for the bank wins over a general one', () => {
    const plan = parseFaults('malformed:0.02@bankc, rate_limited:0.2,rate_limited:0.5@banka,timeout');
    expect(plan.rate('malformed', 'bankc')).toBe(0.02);
    expect(plan.rate('malformed', 'banka')).toBe(0);
    expect(plan.rate('rate_limited', 'bankb')).toBe(0.2);
    expect(plan.rate('rate_limited', 'banka')).toBe(0.5);
    expect(plan.rate('timeout', 'bankc')).toBe(1);
    expect(plan.rate('invalid_credentials', 'banka')).toBe(0);
  });

  it('means no faults when unset or empty', () => {
    expect(parseFaults(undefined).rules).toEqual([]);
    expect(parseFaults('').rules).toEqual([]);
  });

  it.each([
    ['boom', 'unknown kind "boom"'],
    ['timeout:2', 'rate "2" is not a probability'],
    ['timeout:-0.1', 'rate "-0.1"'],
    ['timeout:abc', 'rate "abc"'],
    ['timeout@bankz', 'unknown bank "bankz"'],
    ['timeout:0.5:0.2', 'rate "0.5:0.2"'],
    ['rate_limited,Timeout', 'entry "Timeout"'],
  ])('refuses %j with a one-line reason naming the bad part', (text, reason) => {
    expect(() => parseFaults(text)).toThrow(AppError);
    expect(() => parseFaults(text)).toThrow(reason);
  });

  it('strikes at about the given rate', () => {
    const plan = parseFaults('timeout:0.3');
    const rng = rngFor(1, 'test');
    let hits = 0;
    for (let i = 0; i < 10_000; i++) if (plan.strikes('timeout', 'banka', rng)) hits++;
    expect(hits / 10_000).toBeGreaterThan(0.27);
    expect(hits / 10_000).toBeLessThan(0.33);
  });
});

describe('faults at the simulated banks', () => {
  it('rate_limited is a typed ProviderError that says when to retry', async () => {
    const { get } = simProviders({ env: { FINAGG_SIM_FAULTS: 'rate_limited' } });
    const error = await get('banka')
      .fetchAccounts(TOKEN)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'rate_limited', provider: 'banka', transient: true });
    const retryAfterMs = error instanceof ProviderError ? error.retryAfterMs : undefined;
    expect(retryAfterMs).toBeGreaterThanOrEqual(1000);
    expect(retryAfterMs).toBeLessThanOrEqual(5000);
  });

  it.each(['timeout', 'institution_down', 'login_required'] as const)('%s surfaces as its ProviderError kind', async (kind) => {
    const { get } = simProviders({ env: { FINAGG_SIM_FAULTS: `${kind}@bankb` } });
    await expect(get('bankb').fetchAccounts(TOKEN)).rejects.toMatchObject({ kind, provider: 'bankb' });
    await expect(get('banka').fetchAccounts(TOKEN)).resolves.toHaveLength(3);
  });

  it('refuses an unknown token as login_required', async () => {
    const { get } = simProviders();
    await expect(get('bankc').fetchAccounts('stolen')).rejects.toMatchObject({ kind: 'login_required' });
  });

  it('a request fault at a low rate fails some requests and lets the others through', async () => {
    const { get, clock } = simProviders({ env: { FINAGG_SIM_FAULTS: 'institution_down:0.5' } });
    let failed = 0;
    for (let i = 0; i < 40; i++) {
      await get('banka')
        .fetchAccounts(TOKEN)
        .catch(() => failed++);
      await clock.sleep(1000);
    }
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(32);
  });

  it('malformed corrupts about the given share of records, which the normalizer rejects', async () => {
    const { get } = simProviders({
      now: BERLIN_NOW,
      env: { FINAGG_SIM_FAULTS: 'malformed:0.1@bankc', FINAGG_SIM_HISTORY_DAYS: '120', FINAGG_SIM_DAILY: '60' },
    });
    const bankc = get('bankc');
    const [checking] = await accountIds(bankc);
    const { added } = await drain(bankc, checking ?? '', '2000-01-01');
    let rejected = 0;
    for (const raw of added) {
      try {
        normalizeBankCTransaction(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(NormalizeError);
        rejected++;
      }
    }
    expect(added.length).toBeGreaterThan(1000);
    expect(rejected / added.length).toBeGreaterThan(0.07);
    expect(rejected / added.length).toBeLessThan(0.13);
  });
});
