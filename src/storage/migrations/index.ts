import type { Migration } from '../migrator';
import { initial } from './001-initial';

/**
 * Every migration, in order, imported statically: no folder scan at run time, so the
 * bundled CLI knows its whole schema history. Append only; never edit a landed one.
 */
export const MIGRATIONS: readonly Migration[] = [initial];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
