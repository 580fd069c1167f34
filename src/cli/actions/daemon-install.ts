import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { serviceFile } from '../../app/daemon/service-file';
import type { Output } from '../render/output';

export default async function daemonInstall(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const file = serviceFile({
    platform: process.platform,
    node: process.execPath,
    bin: path.resolve(process.argv[1] ?? 'finagg'),
    home: ctx.home,
  });
  if (command.opts<{ print?: boolean }>().print === true) {
    if (out.json) return out.data({ path: file.path, text: file.text, enable: file.enable });
    out.line(`# ${file.path}`);
    return void out.stdout.write(file.text);
  }
  fs.mkdirSync(path.dirname(file.path), { recursive: true });
  fs.writeFileSync(file.path, file.text, { mode: 0o644 });
  if (out.json) return out.data({ path: file.path, enable: file.enable });
  out.line(`wrote ${file.path}`);
  out.line('enable and start it with:');
  for (const line of file.enable) out.line(`  ${line}`);
}
