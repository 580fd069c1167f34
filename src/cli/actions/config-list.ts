import type { AppContext } from '../../app/context';
import { secretsSet } from '../../app/secrets';
import { listSettings } from '../../app/settings';
import { SECRET_KEYS } from '../../core/settings';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';
import { settingsJson, shownValue } from '../render/config';

export default async function configList(ctx: AppContext, out: Output): Promise<void> {
  const settings = await listSettings(ctx);
  if (out.json) return out.data(settingsJson(settings));
  out.line(
    renderTable(
      settings,
      [
        { header: 'KEY', value: (s) => s.key },
        { header: 'VALUE', value: (s) => shownValue(s.key, s.value), style: (t, s, c) => (s.value === null ? c.dim(t) : t) },
        {
          header: 'FROM',
          value: (s) => (s.isDefault ? 'default' : 'config set'),
          style: (t, s, c) => (s.isDefault ? c.dim(t) : t),
        },
        { header: 'ABOUT', value: (s) => s.description, style: (t, _s, c) => c.dim(t) },
      ],
      out.color,
    ),
  );
  // Secrets are never shown; whether each is set is.
  const set = new Set(await secretsSet(ctx));
  out.line(
    out.color.dim(
      `secrets (finagg config set-secret <key>): ${SECRET_KEYS.map((k) => `${k} ${set.has(k) ? 'set' : 'unset'}`).join(', ')}`,
    ),
  );
}
