import type { Clock } from '../core/clock';
import type { Random } from '../core/random';
import { createSimulatedBanks } from '../app/simulated-banks';
import type { ProviderRegistry } from '../providers/provider';
import { createSimpleFin } from '../providers/simplefin';
import { createEnableBanking } from '../providers/enablebanking';
import type { AppCredentials } from '../providers/link-method';
import type { CurrencyStore } from '../providers/simplefin/currencies';

/**
 * The banks a CLI process can reach: the simulated ones, SimpleFIN Bridge and Enable Banking. Their code
 * (raw schemas, normalizers, the simulated authorization server) is a third of the CLI,
 * so it is its own chunk, loaded only by the commands that talk to a bank (cli.ts);
 * `finagg tx` and the other queries of stored data never load it.
 */
export interface BankProviderParts {
  home: string;
  clock: Clock;
  random: Random;
  seed: number;
  env: NodeJS.ProcessEnv;
  currencies: CurrencyStore;
  /** The person's Enable Banking application, opened from the secrets table when first asked. */
  enableBankingApp: () => Promise<AppCredentials>;
}

export function createBankProviders(parts: BankProviderParts): ProviderRegistry {
  const { home, clock, random, seed, env, currencies, enableBankingApp } = parts;
  const providers = new Map(createSimulatedBanks({ home, clock, random, seed, env }));
  const simplefin = createSimpleFin({ clock, env, currencies });
  providers.set(simplefin.id, simplefin);
  const enablebanking = createEnableBanking({ clock, env, app: enableBankingApp });
  providers.set(enablebanking.id, enablebanking);
  return providers;
}
