import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/clock';
import { redact } from '../security/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON lines in `logs/finagg.log` under the data dir. The file is opened on the first
 * line written, so commands that log nothing touch nothing. Fields pass through
 * `redact`, so a token that slips into a field is never written.
 */
export function fileLogger(home: string, clock: Clock, minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  let fd: number | undefined;
  return {
    log(level, event, fields = {}) {
      if (order[level] < order[minLevel]) return;
      if (fd === undefined) {
        const dir = path.join(home, 'logs');
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fd = fs.openSync(path.join(dir, 'finagg.log'), 'a', 0o600);
      }
      const line = JSON.stringify({ at: new Date(clock.nowMs()).toISOString(), level, event, ...redact(fields) });
      fs.writeSync(fd, line + '\n');
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
