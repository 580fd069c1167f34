import { fixedClock, runningClock, systemClock } from '../app/clocks';
import { type AppContext, createAppContext, cryptoRandom, systemTimeZone } from '../app/context';
import { resolveHome } from '../app/data-dir';
import { fileLogger } from '../app/log';
import { systemNotifier } from '../app/notifier';
import type { ProviderRegistry } from '../providers/provider';
import type { CurrencyStore } from '../providers/simplefin/currencies';
import { createKeyStore } from '../security/key-store';
import { findCustomCurrency, saveCustomCurrency } from '../storage/custom-currencies-repo';
import type { BankProviderParts } from './bank-providers';
import { requireAppCredentials } from '../app/consent/app-credentials';
import type { Environment } from './environment';
import type { CliIO } from './io';

/**
 * The one AppContext of a CLI process, from the global options and the environment.
 * Loaded lazily by cli.ts, so `--help` and `--version` never load storage. `banks` makes
 * the providers (bank-providers.ts); without it the context has none, and a command that
 * asks for one anyway fails loudly (a command that talks to a bank declares it in cli.ts).
 */
export function createCliContext(
  io: CliIO,
  environment: Environment,
  homeFlag: string | undefined,
  banks?: (parts: BankProviderParts) => ProviderRegistry,
): AppContext {
  const home = resolveHome(homeFlag, io.env, io.cwd);
  const { nowMs, clockRate, seed, debug } = environment;
  const clock = nowMs === undefined ? systemClock : clockRate > 0 ? runningClock(nowMs, clockRate) : fixedClock(nowMs);
  // The providers are built before the context, and SimpleFIN's currency store reads the
  // context's database when it is first asked (most commands never ask).
  let ctx: AppContext | undefined;
  const currencies: CurrencyStore = {
    get: (url) => (ctx ? findCustomCurrency(ctx.sqlite, url) : undefined),
    put: (url, abbr, name) => ctx && saveCustomCurrency(ctx.sqlite, url, abbr, name, new Date(clock.nowMs()).toISOString()),
  };
  // Enable Banking's application is sealed in the database: opened when a request needs it.
  const enableBankingApp = () => requireAppCredentials(ctx!);
  const providers = banks
    ? banks({ home, clock, random: cryptoRandom, seed, env: io.env, currencies, enableBankingApp })
    : noProviders;
  ctx = createAppContext({
    home,
    clock,
    timeZone: () => systemTimeZone(io.env.TZ),
    seed,
    random: cryptoRandom,
    keyStore: createKeyStore({
      home,
      env: io.env,
      random: cryptoRandom,
      notice: (message) => io.stderr.write(`finagg: ${message}\n`),
    }),
    providers,
    notifier: systemNotifier(),
    log: fileLogger(home, clock, debug ? 'debug' : 'info'),
  });
  return ctx;
}

/** The providers of a command that declared it talks to no bank: any use is a bug. */
const unloaded = (): never => {
  throw new Error('this command did not load the bank providers (declare { banks: true } in cli.action)');
};
const noProviders: ProviderRegistry = {
  get: unloaded,
  has: unloaded,
  keys: unloaded,
  values: unloaded,
  entries: unloaded,
  forEach: unloaded,
  get size(): number {
    return unloaded();
  },
  [Symbol.iterator]: unloaded,
};
