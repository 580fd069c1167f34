import crypto from 'node:crypto';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Clock } from '../core/clock';
import type { Random } from '../core/random';
import type { ProviderRegistry } from '../providers/provider';
import type { KeyStore } from '../security/key-store';
import { createKysely, type Db } from '../storage/kysely';
import { type OpenedDatabase, openDatabase } from '../storage/open-database';
import type { Logger } from './log';
import type { Notifier } from './notifier';

/**
 * Everything a use case may touch outside pure logic. Built once per process (in
 * cli/main.ts, or by a test) and passed first to every app/ function.
 */
export interface AppContext {
  readonly home: string;
  /** Opened on first use, so commands that need no database open none. */
  readonly storage: Storage;
  readonly db: Db;
  readonly sqlite: SqliteDatabase;
  readonly clock: Clock;
  /** The person's time zone (IANA name): budget periods follow their calendar. */
  readonly timeZone: string;
  /** Cryptographic randomness (keys, nonces, OAuth state); never seeded. */
  readonly random: Random;
  /** Seed of the simulated banks (`FINAGG_SEED`). */
  readonly seed: number;
  readonly keyStore: KeyStore;
  readonly providers: ProviderRegistry;
  readonly notifier: Notifier;
  readonly log: Logger;
  close(): Promise<void>;
}

export interface Storage extends OpenedDatabase {
  db: Db;
}

export interface AppContextParts {
  home: string;
  clock: Clock;
  /** Defaults to the system's time zone. */
  timeZone?: string;
  seed: number;
  keyStore: KeyStore;
  providers: ProviderRegistry;
  notifier: Notifier;
  log: Logger;
  random?: Random;
}

export const cryptoRandom: Random = { bytes: (length) => new Uint8Array(crypto.randomBytes(length)) };

export function createAppContext(parts: AppContextParts): AppContext {
  let storage: Storage | undefined;
  const open = (): Storage => {
    if (!storage) {
      const opened = openDatabase(parts.home, { nowIso: new Date(parts.clock.nowMs()).toISOString() });
      storage = { ...opened, db: createKysely(opened.sqlite) };
      if (opened.migration.applied.length > 0) {
        parts.log.log('info', 'schema.migrated', { from: opened.migration.from, to: opened.migration.to });
      }
    }
    return storage;
  };
  return {
    home: parts.home,
    get storage() {
      return open();
    },
    get db() {
      return open().db;
    },
    get sqlite() {
      return open().sqlite;
    },
    clock: parts.clock,
    timeZone: parts.timeZone ?? systemTimeZone(),
    random: parts.random ?? cryptoRandom,
    seed: parts.seed,
    keyStore: parts.keyStore,
    providers: parts.providers,
    notifier: parts.notifier,
    log: parts.log,
    async close() {
      if (storage) {
        await storage.db.destroy(); // closes the better-sqlite3 handle too
        storage = undefined;
      }
    },
  };
}

/** The time zone of this process (TZ, else the system's), UTC when it cannot be told. */
export function systemTimeZone(tz: string | undefined = process.env.TZ): string {
  const name = tz?.replace(/^:/, '') || Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return 'UTC';
  }
}
