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
 * The three simulated banks, each with its own authorization server. A bank's grants
 * live in `sim/<bank>-authorization.db` under the data dir, its books (sim/books.ts) in
 * `sim/ledger-*.json`: the bank's side of the world, kept apart from finagg's own database.
 */
export function createSimulatedBanks(options: SimulatedBanksOptions): ProviderRegistry {
  const faults = parseFaults(options.env.FINAGG_SIM_FAULTS);
  return createProviders({
    seed: options.seed,
    clock: options.clock,
    env: options.env,
    booksDir: path.join(options.home, 'sim'),
    authorizationFor: (bankId) => {
      const logins = rngFor(options.seed, bankId, 'login', options.clock.nowMs());
      return createSimAuthorizationServer({
        bankId,
        tokenPrefix: bankId.replace(/^bank/, 'bk'),
        statePath: path.join(options.home, 'sim', `${bankId}-authorization.db`),
        clock: options.clock,
        random: options.random,
        loginFails: () => faults.strikes('invalid_credentials', bankId, logins),
      });
    },
  });
}
