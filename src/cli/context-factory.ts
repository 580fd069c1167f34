import { fixedClock, systemClock } from '../app/clocks';
import { type AppContext, createAppContext, cryptoRandom, systemTimeZone } from '../app/context';
import { resolveHome } from '../app/data-dir';
import { fileLogger } from '../app/log';
import { systemNotifier } from '../app/notifier';
import { createSimulatedBanks } from '../app/simulated-banks';
import { createKeyStore } from '../security/key-store';
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
  return createAppContext({
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
    providers: createSimulatedBanks({ home, clock, random: cryptoRandom, seed, env: io.env }),
    notifier: systemNotifier(),
    log: fileLogger(home, clock, debug ? 'debug' : 'info'),
  });
}
