import path from 'node:path';
import type { Clock } from '../core/clock';
import type { Random } from '../core/random';
import type { ProviderRegistry } from '../providers/provider';
import { createProviders } from '../providers/registry';
import { parseFaults } from '../providers/sim/faults';
import { createSimAuthorizationServer } from '../providers/sim/oauth-server';
import { rngFor } from '../providers/sim/rng';

export interface SimulatedBanksOptions {
  home: string;
  clock: Clock;
  random: Random;
  seed: number;
  env: NodeJS.ProcessEnv;
}

/**
 * The simulated banks made here, with what they were made from: the sync worker makes the
 * same banks in its thread (sync-worker/). A bank given in place of these (a test's
 * stand-in, even one spread from them) is not among them.
 */
export const SIMULATED = new WeakMap<object, { home: string; seed: number; env: Record<string, string> }>();

/**
 * The three simulated banks, each with its own authorization server. A bank's grants
 * live in `sim/<bank>-authorization.db` under the data dir, its books (sim/books.ts) in
 * `sim/ledger-*.json`: the bank's side of the world, kept apart from finagg's own database
 * and never in its backups. FINAGG_SIM_STATE puts that side elsewhere, so that two data
 * dirs (a home restored on a new machine) talk to the same banks.
 */
export function createSimulatedBanks(options: SimulatedBanksOptions): ProviderRegistry {
  const faults = parseFaults(options.env.FINAGG_SIM_FAULTS);
  const state = options.env.FINAGG_SIM_STATE ? path.resolve(options.env.FINAGG_SIM_STATE) : path.join(options.home, 'sim');
  // The simulated banks read only their own settings; nothing else (a data key) goes to the worker.
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.env))
    if (key.startsWith('FINAGG_SIM_') && value !== undefined) settings[key] = value;
  const made = { home: options.home, seed: options.seed, env: settings };
  const registry = createProviders({
    seed: options.seed,
    clock: options.clock,
    env: options.env,
    booksDir: state,
    authorizationFor: (bankId) => {
      const logins = rngFor(options.seed, bankId, 'login', options.clock.nowMs());
      return createSimAuthorizationServer({
        bankId,
        tokenPrefix: bankId.replace(/^bank/, 'bk'),
        statePath: path.join(state, `${bankId}-authorization.db`),
        clock: options.clock,
        random: options.random,
        loginFails: () => faults.strikes('invalid_credentials', bankId, logins),
      });
    },
  });
  for (const bank of registry.values()) SIMULATED.set(bank, made);
  return registry;
}
