import { fixedClock, systemClock } from '../app/clocks';
import { type AppContext, createAppContext, cryptoRandom, systemTimeZone } from '../app/context';
import { resolveHome } from '../app/data-dir';
import { fileLogger } from '../app/log';
import { systemNotifier } from '../app/notifier';
import { createSimulatedBanks } from '../app/simulated-banks';
import { createSimpleFin } from '../providers/simplefin';
import type { CurrencyStore } from '../providers/simplefin/currencies';
import { createKeyStore } from '../security/key-store';
import { findCustomCurrency, saveCustomCurrency } from '../storage/custom-currencies-repo';
import type { Environment } from './environment';
import type { CliIO } from './io';

/**
 * The one AppContext of a CLI process, from the global options and the environment.
 * Loaded lazily by cli.ts, so `--help` and `--version` never load storage.
 */
export function createCliContext(io: CliIO, environment: Environment, homeFlag: string | undefined): AppContext {
  const home = resolveHome(homeFlag, io.env, io.cwd);
  const { nowMs, seed, debug } = environment;
  const clock = nowMs === undefined ? systemClock : fixedClock(nowMs);
  // The providers are built before the context, and SimpleFIN's currency store reads the
  // context's database when it is first asked (most commands never ask).
  let ctx: AppContext | undefined;
  const currencies: CurrencyStore = {
    get: (url) => (ctx ? findCustomCurrency(ctx.sqlite, url) : undefined),
    put: (url, abbr, name) => ctx && saveCustomCurrency(ctx.sqlite, url, abbr, name, new Date(clock.nowMs()).toISOString()),
  };
  const providers = new Map(createSimulatedBanks({ home, clock, random: cryptoRandom, seed, env: io.env }));
  const simplefin = createSimpleFin({ clock, env: io.env, currencies });
  providers.set(simplefin.id, simplefin);
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
