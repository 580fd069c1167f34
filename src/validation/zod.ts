import * as z from 'zod/mini';
import { en } from 'zod/locales';

// The mini build carries no locale, and error messages from provider schemas reach quarantine reasons and users.
z.config(en());

// Name by name, not as one `z` object: a re-exported namespace object drags in all of zod/mini
// and every locale. Import this module as `import * as z from '.../validation/zod'`.
export * from 'zod/mini';
