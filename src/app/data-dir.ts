import path from 'node:path';
import envPaths from 'env-paths';

/** Data dir: `--home`, else `FINAGG_HOME`, else the platform's data dir. */
export function resolveHome(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const chosen = flag ?? (env.FINAGG_HOME !== undefined && env.FINAGG_HOME !== '' ? env.FINAGG_HOME : undefined);
  if (chosen !== undefined) return path.resolve(cwd, chosen);
  return envPaths('finagg', { suffix: '' }).data;
}
