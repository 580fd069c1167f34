import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The figures a simulated bank keeps in its books between requests, as a real bank keeps
 * balances in its database: each flow's amount (a sweep, a card statement, interest) and
 * each savings account's balance at the start of each month. Without them every process
 * would generate the household's whole history again to know one savings balance (1.5 s
 * for ten years), which a real bank never does. Kept under the data dir's `sim/`, beside
 * the banks' authorization state, one file per seed, volume and household fingerprint,
 * so a change to the household's money makes a new file instead of reading stale figures.
 */
export interface LedgerSnapshot {
  amounts: Record<string, number>;
  savingsStarts: Record<string, number[]>;
}

export class LedgerBooks {
  private readonly file: string;

  constructor(dir: string, seed: number, daily: number, fingerprint: string) {
    this.file = path.join(dir, `ledger-${seed}-${daily}-${fingerprint}.json`);
  }

  /** The kept figures, or undefined when there are none (or the file is not whole). */
  load(): LedgerSnapshot | undefined {
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8')) as LedgerSnapshot;
      return typeof data.amounts === 'object' && typeof data.savingsStarts === 'object' ? data : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Written whole or not at all: processes that write at once each leave a whole file.
   * `existingDir`: only into a folder still there (at exit, a test's removed home stays removed).
   */
  save(snapshot: LedgerSnapshot, existingDir = false): void {
    try {
      if (existingDir && !fs.existsSync(path.dirname(this.file))) return;
      fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
      const temp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(snapshot), { mode: 0o600 });
      fs.renameSync(temp, this.file);
    } catch {
      // The books are a shortcut: a bank that cannot keep them works them out again next time.
    }
  }
}

/** A short hash of figures that change when the household's money does. */
export function fingerprintOf(figures: readonly (string | number)[]): string {
  return crypto.createHash('sha256').update(figures.join('|')).digest('hex').slice(0, 12);
}
