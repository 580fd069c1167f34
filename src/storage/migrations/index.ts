import type { Migration } from '../migrator';
import { initial } from './001-initial';
import { contentHashNotUnique } from './002-content-hash-not-unique';
import { statementBalance } from './003-statement-balance';
import { realProviders } from './004-real-providers';
import { transfers } from './005-transfers';
import { fetchState } from './006-fetch-state';
import { moneyOutCategories } from './007-money-out-categories';
import { flowIndex } from './008-flow-index';
import { streams } from './009-streams';
import { streamGroups } from './010-stream-groups';
import { categoryTree } from './011-category-tree';
import { learnedRules } from './012-learned-rules';
import { splits } from './013-splits';
import { statementAccount } from './014-statement-account';
import { payeeIndexCovers } from './015-payee-index-covers';
import { secrets } from './016-secrets';
import { consent } from './017-consent';
import { rates } from './018-rates';
import { budgetAllCurrencies } from './019-budget-all-currencies';
import { connectionPerBank } from './020-connection-per-bank';
import { budgetAlertPending } from './021-budget-alert-pending';
import { daemonRounds } from './022-daemon-rounds';
import { flowHoldsPending } from './023-flow-holds-pending';
import { compactTransactions } from './024-compact-transactions';
import { backupTargets } from './025-backup-targets';

/**
 * Every migration, in order, imported statically: no folder scan at run time, so the
 * bundled CLI knows its whole schema history. Append only; never edit a landed one.
 */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  contentHashNotUnique,
  statementBalance,
  realProviders,
  transfers,
  fetchState,
  moneyOutCategories,
  flowIndex,
  streams,
  streamGroups,
  categoryTree,
  learnedRules,
  splits,
  statementAccount,
  payeeIndexCovers,
  secrets,
  consent,
  rates,
  budgetAllCurrencies,
  connectionPerBank,
  budgetAlertPending,
  daemonRounds,
  flowHoldsPending,
  compactTransactions,
  backupTargets,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
