import { spawnSync } from 'node:child_process';
import { expect, type TestContext } from 'vitest';

/**
 * hledger and ledger, to read finagg's journal as a person's own tools would. CI installs
 * both and sets FINAGG_REQUIRE_LEDGER_TOOLS=1, so there a missing tool fails; elsewhere it skips.
 */
export function tool(name: string, ctx: TestContext): string | undefined {
  const found = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (found.status === 0) return name;
  if (process.env.FINAGG_REQUIRE_LEDGER_TOOLS === '1') throw new Error(`${name} is not installed (CI installs it in .ci/run)`);
  console.warn(`skipped: ${name} is not installed; set FINAGG_REQUIRE_LEDGER_TOOLS=1 to fail instead`);
  ctx.skip();
  return undefined;
}

/** `account -> "amount CUR"` from a flat balance report of either tool. */
export function balances(tool: string, file: string, ...extra: string[]): Map<string, string> {
  const r = spawnSync(tool, ['-f', file, 'balance', '--flat', '--no-total', ...extra], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const map = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(-?[\d,]+(?:\.\d+)?) ([A-Z]{3})\s+(\S.*)$/.exec(line);
    if (m) map.set(m[3]!.trim(), `${m[1]!.replace(/,/g, '')} ${m[2]}`);
  }
  return map;
}
