import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDaemonLock, pidFile } from '../../src/app/daemon/pid-lock';
import { serviceFile } from '../../src/app/daemon/service-file';
import { fileLogger } from '../../src/app/log';
import { fixedClock } from '../../src/app/clocks';
import { backoffMs, CONNECTION_BACKOFF } from '../../src/core/backoff';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'finagg-daemon-'));

describe('connection backoff', () => {
  it('doubles from a minute with jitter, caps at an hour, and never undercuts retry-after', () => {
    expect(backoffMs(1, 0, CONNECTION_BACKOFF)).toBe(30_000);
    expect(backoffMs(1, 0.999, CONNECTION_BACKOFF)).toBeLessThan(60_000);
    expect(backoffMs(3, 0, CONNECTION_BACKOFF)).toBe(120_000);
    expect(backoffMs(30, 0.999, CONNECTION_BACKOFF)).toBeLessThanOrEqual(3_600_000);
    expect(backoffMs(1, 0, CONNECTION_BACKOFF, 300_000)).toBe(300_000);
  });
});

describe('the daemon lock', () => {
  it('takes over a pid file whose process is gone, and refuses a live one', () => {
    const home = tmp();
    fs.writeFileSync(pidFile(home), '999999\n'); // no such process
    const lock = acquireDaemonLock(home);
    expect(fs.readFileSync(pidFile(home), 'utf8').trim()).toBe(String(process.pid));
    expect(() => acquireDaemonLock(home)).toThrow(/already running \(pid \d+\)/);
    lock.release();
    expect(fs.existsSync(pidFile(home))).toBe(false);
  });
});

describe('the log', () => {
  it('rotates by size and keeps three old files', () => {
    const home = tmp();
    const log = fileLogger(home, fixedClock(0), 'info', 400);
    for (let i = 0; i < 60; i++) log.log('info', 'daemon.round', { i, note: 'x'.repeat(40) });
    const files = fs.readdirSync(path.join(home, 'logs')).sort();
    expect(files).toEqual(['finagg.log', 'finagg.log.1', 'finagg.log.2', 'finagg.log.3']);
    for (const f of files) expect(fs.statSync(path.join(home, 'logs', f)).size).toBeLessThanOrEqual(400);
  });
});

describe('daemon install', () => {
  it('writes a systemd user unit on Linux and a launchd agent on macOS', () => {
    const linux = serviceFile({
      platform: 'linux',
      node: '/usr/bin/node',
      bin: '/opt/finagg/bin/finagg.js',
      home: '/home/sam/.local/share/finagg',
      userHome: '/home/sam',
    });
    expect(linux.path).toBe('/home/sam/.config/systemd/user/finagg.service');
    expect(linux.text).toContain('ExecStart="/usr/bin/node" "/opt/finagg/bin/finagg.js" daemon');
    expect(linux.text).toContain('Environment="FINAGG_HOME=/home/sam/.local/share/finagg"');
    expect(linux.enable).toContain('systemctl --user enable --now finagg.service');
    const mac = serviceFile({
      platform: 'darwin',
      node: '/usr/local/bin/node',
      bin: '/opt/finagg/bin/finagg.js',
      home: '/Users/sam/finagg',
      userHome: '/Users/sam',
    });
    expect(mac.path).toBe('/Users/sam/Library/LaunchAgents/dev.finagg.daemon.plist');
    expect(mac.text).toContain('<string>daemon</string>');
  });
});
