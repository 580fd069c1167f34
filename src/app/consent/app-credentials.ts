import { AppError } from '../../core/errors';
import type { AppCredentials } from '../../providers/link-method';
import type { AppContext } from '../context';
import { readSecret, sealLinkSecrets } from '../secrets';

/** What a person runs to give finagg their Enable Banking application. */
export const APP_HINT =
  'give your application once: finagg link enablebanking --app-id <id> --key-file <private key PEM> --bank "<bank>" --country <CC>';

/** The application a link gave, opened from the secrets table; undefined when none was given. */
export async function storedAppCredentials(ctx: AppContext): Promise<AppCredentials | undefined> {
  const appId = await readSecret(ctx, 'enablebanking.app_id');
  const privateKeyPem = await readSecret(ctx, 'enablebanking.private_key');
  if (appId === undefined || privateKeyPem === undefined) return undefined;
  return { appId, privateKeyPem };
}

/** The stored application, or the one-line refusal that says how to give it. */
export async function requireAppCredentials(ctx: AppContext): Promise<AppCredentials> {
  const found = await storedAppCredentials(ctx);
  if (!found) throw new AppError('usage', 'no Enable Banking application is set up', APP_HINT);
  return found;
}

/** Seals an application's id and key (checked by the provider), replacing any earlier one. */
export async function saveAppCredentials(ctx: AppContext, app: AppCredentials): Promise<void> {
  await sealLinkSecrets(
    ctx,
    new Map([
      ['enablebanking.app_id', app.appId],
      ['enablebanking.private_key', app.privateKeyPem],
    ]),
  );
}
