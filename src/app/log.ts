import fs from 'node:fs';
import path from 'node:path';
import type { Clock } from '../core/clock';
import { redact, stripUrlCredentials } from '../security/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON lines in `logs/finagg.log` under the data dir, rotated by size. The file is opened on the first
 * line written, so commands that log nothing touch nothing. Fields pass through
 * `redact`, so a token that slips into a field is never written.
 */
export function fileLogger(home: string, clock: Clock, minLevel: LogLevel = 'info', maxBytes = MAX_LOG_BYTES): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  const file = path.join(home, 'logs', 'finagg.log');
  let fd: number | undefined;
  let size = 0;
  const open = () => {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fd = fs.openSync(file, 'a', 0o600);
    size = fs.fstatSync(fd).size;
  };
  return {
    log(level, event, fields = {}) {
      if (order[level] < order[minLevel]) return;
      if (fd === undefined) open();
      // A URL's credentials (SimpleFIN's access URL) never reach the log, whatever field quotes it.
      const line =
        stripUrlCredentials(JSON.stringify({ at: new Date(clock.nowMs()).toISOString(), level, event, ...redact(fields) })) +
        '\n';
      // A daemon runs for months: past the size, the file moves to .1 (and .1 to .2 ...).
      if (size + line.length > maxBytes && size > 0) {
        fs.closeSync(fd!);
        rotate(file);
        open();
      }
      fs.writeSync(fd!, line);
      size += Buffer.byteLength(line);
    },
  };
}

/** Bytes a log file may reach before it is rotated, and how many old files are kept. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;
const KEEP_FILES = 3;

function rotate(file: string): void {
  for (let i = KEEP_FILES - 1; i >= 1; i--) {
    if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  }
  fs.renameSync(file, `${file}.1`);
}

export const silentLogger: Logger = { log: () => undefined };
