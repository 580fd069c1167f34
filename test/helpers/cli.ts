import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { run } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh, empty data dir location (not yet created) under the system temp dir. */
export function freshHome(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-test-')), 'home');
}

/** Reads a home's database on a read-only connection of its own, closed after. */
export function readStore<T>(home: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(home, 'finagg.db'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Runs the CLI in this process with captured output, as a script would see it. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin: new PassThrough(),
    env: { PATH: process.env.PATH, ...env },
    cwd: process.cwd(),
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

const BIN = path.resolve(__dirname, '../../bin/finagg.js');

/** Runs the built CLI as a separate process, as a person at a shell would. */
export function spawnCli(argv: string[], env: Record<string, string | undefined> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...argv], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the built CLI as a separate process without blocking this one, so that a server in
 * this process (the local SimpleFIN server) can answer it. `stdin` is written and closed.
 */
export function spawnCliAsync(argv: string[], env: Record<string, string | undefined> = {}, stdin = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

/** The environment of a fresh home of the simulated household at a fixed clock and seed. */
export function householdEnv(seed: number, historyDays: number, now: string) {
  return {
    FINAGG_HOME: freshHome(),
    FINAGG_NOW: now,
    FINAGG_SEED: String(seed),
    FINAGG_KEYSTORE: 'file',
    FINAGG_SIM_HISTORY_DAYS: String(historyDays),
  };
}

/** A fresh home with the three simulated banks linked and synced once. */
export async function syncedHousehold(seed: number, historyDays: number, now: string) {
  const env = householdEnv(seed, historyDays, now);
  for (const bank of ['banka', 'bankb', 'bankc']) {
    const link = await runCli(['link', bank, '--yes', '--no-sync'], env);
    if (link.code !== 0) throw new Error(`link ${bank} failed: ${link.stderr}`);
  }
  const sync = await runCli(['sync', '--json'], env);
  if (sync.code !== 0) throw new Error(`sync failed: ${sync.stderr}`);
  return { home: env.FINAGG_HOME, env };
}
