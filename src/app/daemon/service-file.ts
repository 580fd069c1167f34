import os from 'node:os';
import path from 'node:path';

export interface ServiceFile {
  path: string;
  text: string;
  /** What to run to enable and start it. */
  enable: string[];
}

/**
 * The file that runs `finagg daemon` at login: a systemd user unit on Linux, a launchd
 * agent on macOS. It names this Node and this finagg by absolute path, and the data dir,
 * so it runs the same finagg the person installed it from.
 */
export function serviceFile(options: {
  platform: NodeJS.Platform;
  node: string;
  bin: string;
  home: string;
  userHome?: string;
}): ServiceFile {
  const userHome = options.userHome ?? os.homedir();
  if (options.platform === 'darwin') {
    const file = path.join(userHome, 'Library', 'LaunchAgents', 'dev.finagg.daemon.plist');
    const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return {
      path: file,
      enable: [`launchctl load -w ${file}`],
      text: `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key><string>dev.finagg.daemon</string>
  <key>ProgramArguments</key>
  <array><string>${xml(options.node)}</string><string>${xml(options.bin)}</string><string>daemon</string></array>
  <key>EnvironmentVariables</key>
  <dict><key>FINAGG_HOME</key><string>${xml(options.home)}</string></dict>
  <key>RunAtLoad</key><true/>
  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>
  <key>StandardOutPath</key><string>${xml(path.join(options.home, 'logs', 'daemon.out'))}</string>
  <key>StandardErrorPath</key><string>${xml(path.join(options.home, 'logs', 'daemon.err'))}</string>
</dict>
</plist>
`,
    };
  }
  const file = path.join(userHome, '.config', 'systemd', 'user', 'finagg.service');
  const quote = (s: string) => `"${s.replace(/(["\\])/g, '\\$1')}"`;
  return {
    path: file,
    enable: ['systemctl --user daemon-reload', 'systemctl --user enable --now finagg.service'],
    text: `[Unit]
Description=finagg: sync bank accounts on a schedule
After=network-online.target

[Service]
ExecStart=${quote(options.node)} ${quote(options.bin)} daemon
Environment=${quote(`FINAGG_HOME=${options.home}`)}
Restart=on-failure
RestartSec=30
# SIGTERM lets the daemon finish the page in flight; it exits 0 within 10 s.
KillSignal=SIGTERM
TimeoutStopSec=15

[Install]
WantedBy=default.target
`,
  };
}
