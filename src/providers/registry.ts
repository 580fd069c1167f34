import type { Clock } from '../core/clock';
import { createBankA } from './banka';
import { createBankB } from './bankb';
import { createBankC } from './bankc';
import type { BankProvider } from './provider';
import { SIM_BANKS, SIM_BANK_IDS, type SimBankId } from './sim/banks';
import type { AuthorizationServer } from './sim/oauth-types';
import type { SimBankOptions } from './sim/sim-bank';

export interface ProvidersOptions {
  seed: number;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** Where the simulated banks keep their books between processes. */
  booksDir?: string;
  /** The authorization server of each bank (the lead builds them, with the fault plan). */
  authorizationFor(bankId: string, info: { name: string }): AuthorizationServer;
}

const FACTORIES: Readonly<Record<SimBankId, (options: SimBankOptions) => BankProvider>> = {
  banka: createBankA,
  bankb: createBankB,
  bankc: createBankC,
};

/**
 * The banks finagg can link, by id. Creating them is cheap: each bank builds its world on
 * the first request. Throws AppError('invalid_input') for a bad FINAGG_SIM_* value.
 */
export function createProviders(options: ProvidersOptions): Map<string, BankProvider> {
  const providers = new Map<string, BankProvider>();
  for (const id of SIM_BANK_IDS) {
    const authorization = options.authorizationFor(id, { name: SIM_BANKS[id].name });
    providers.set(
      id,
      FACTORIES[id]({ seed: options.seed, clock: options.clock, env: options.env, authorization, booksDir: options.booksDir }),
    );
  }
  return providers;
}
