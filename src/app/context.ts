import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { Clock } from '../core/clock';
import { isUtcZone } from '../core/dates';
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
  /** Defaults to the system's time zone; a function is asked on first use. */
  timeZone?: string | (() => string);
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
  let timeZone: string | undefined;
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
    // Told on first use: most commands never ask, and asking may load ICU's zone data.
    get timeZone() {
      timeZone ??= typeof parts.timeZone === 'string' ? parts.timeZone : (parts.timeZone ?? systemTimeZone)();
      return timeZone;
    },
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

/**
 * The time zone of this process: TZ, else the zone /etc/localtime links to (Linux and
 * macOS), else what ICU finds; UTC when the name is unknown. UTC itself is answered
 * without loading ICU's time-zone data (about 20 ms, see core/dates.ts).
 */
export function systemTimeZone(tz: string | undefined = process.env.TZ, localtime = readLocaltimeLink): string {
  const name = zoneName(tz?.replace(/^:/, '') || localtime()) || Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (isUtcZone(name)) return name;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return 'UTC';
  }
}

/** `Europe/Berlin` from itself or from a path such as /usr/share/zoneinfo/Europe/Berlin. */
function zoneName(text: string): string {
  const at = text.lastIndexOf('zoneinfo/');
  if (at >= 0) return text.slice(at + 'zoneinfo/'.length);
  return text.startsWith('/') ? '' : text;
}

function readLocaltimeLink(): string {
  try {
    return fs.readlinkSync('/etc/localtime');
  } catch {
    return '';
  }
}
