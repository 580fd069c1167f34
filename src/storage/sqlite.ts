import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Options } from 'better-sqlite3';

let addonPath: string | undefined | null = null;

/**
 * Where better-sqlite3's compiled addon is, found once. Left to itself, better-sqlite3
 * asks the `bindings` package, which walks up from its caller's file and tries a dozen
 * candidate paths on every start; inside the CLI's bundle that caller is the bundle, not
 * the package, so bindings would not find it at all. npm's build (a prebuilt download or
 * node-gyp) always writes it to build/Release, build/Debug for a debug build.
 */
function nativeBinding(): string | undefined {
  if (addonPath === null) {
    const packageDir = path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
    addonPath = ['Release', 'Debug']
      .map((build) => path.join(packageDir, 'build', build, 'better_sqlite3.node'))
      .find((file) => fs.existsSync(file));
  }
  return addonPath;
}

/** A better-sqlite3 connection to `file`, with the addon loaded from where npm built it. */
export function openSqlite(file: string, options: Options = {}): SqliteDatabase {
  const binding = nativeBinding();
  return new Database(file, binding === undefined ? options : { ...options, nativeBinding: binding });
}
