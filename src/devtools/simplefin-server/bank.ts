// What happens to the household after start (a pending charge posts, rows are added) and the
// balances computed from its rows, so that balance = opening + posted rows holds at all times.
import { parseAmount } from './amounts';
import { daySeconds, noonOf, transactionId, type Account, type Household, type Transaction } from './household';

export function findAccount(household: Household, accountId: string): Account {
  const account = household.accounts.find((candidate) => candidate.id === accountId);
  if (!account) throw new Error(`no account ${accountId}`);
  return account;
}

/** Opening balance plus every posted row that the bank's ledger holds. */
export function balanceMinor(account: Account): number {
  let sum = account.openingMinor;
  for (const row of account.transactions) if (!row.pending && row.ledgerMinor !== undefined) sum += row.ledgerMinor;
  return sum;
}

/** The balance less the holds of pending charges. */
export function availableMinor(account: Account): number {
  let sum = balanceMinor(account);
  for (const row of account.transactions) if (row.pending && row.ledgerMinor !== undefined) sum += row.ledgerMinor;
  return sum;
}

/**
 * The restaurant hold posts as the final bill: a 20% tip on top, a new id (as real banks do,
 * so clients must link it to the pending row by merchant and amount), posted at noon UTC today.
 */
/** How the planted charge posts: as a real Bridge may send it. */
export interface PostOptions {
  /** The Bridge lags: the pending record is still listed beside its posting (until withdrawPending). */
  readonly keepPending?: boolean;
  /** The posting comes without a payee, with only its (different) description. */
  readonly noPayee?: boolean;
}

/** The planted pending charge disappears without posting (a cancelled authorization, or a lagging Bridge catching up). */
export function withdrawPlantedPending(household: Household): string {
  const checking = findAccount(household, household.checkingId);
  const pending = checking.transactions.find((row) => row.pending);
  if (!pending) throw new Error('no pending charge to withdraw');
  checking.transactions = checking.transactions.filter((row) => row !== pending);
  if (household.plantedPendingId === pending.id) household.plantedPendingId = undefined;
  return pending.id;
}

export function postPlantedPending(
  household: Household,
  nowMs: number,
  options: PostOptions = {},
): { pendingId: string; postedId: string } {
  const pendingId = household.plantedPendingId;
  const checking = findAccount(household, household.checkingId);
  const pending = checking.transactions.find((row) => row.id === pendingId);
  if (pendingId === undefined || !pending) throw new Error('the planted pending charge has already posted');
  const postedId = nextFreeId(checking);
  const posted: Transaction = {
    id: postedId,
    amount: '-50.40',
    ledgerMinor: -5_040,
    description: 'CORNER BISTRO SAN FRANCISCO CA',
    ...(options.noPayee ? {} : { payee: 'Corner Bistro' }),
    posted: noonOf(Math.floor(nowMs / 1000 / daySeconds)),
    ...(pending.transactedAt === undefined ? {} : { transactedAt: pending.transactedAt }),
    pending: false,
  };
  checking.transactions = insertInOrder(
    checking.transactions.filter((row) => options.keepPending === true || row.id !== pendingId),
    posted,
  );
  household.plantedPendingId = undefined;
  return { pendingId, postedId };
}

export interface NewTransaction {
  readonly id?: string;
  readonly amount: string;
  readonly description: string;
  readonly payee?: string;
  readonly postedMs?: number;
  readonly pending?: boolean;
}

/** Adds a row; a pending one is dated by transacted_at (postedMs, default now) and has posted 0. */
export function addTransaction(household: Household, accountId: string, input: NewTransaction, nowMs: number): string {
  const account = findAccount(household, accountId);
  const ledgerMinor = parseAmount(input.amount, account.decimals);
  if (ledgerMinor === undefined) {
    throw new Error(`amount ${JSON.stringify(input.amount)} is not a ${account.decimals}-decimal number`);
  }
  const id = input.id ?? nextFreeId(account);
  if (account.transactions.some((row) => row.id === id)) throw new Error(`${accountId} already has a transaction ${id}`);
  const at = Math.floor((input.postedMs ?? nowMs) / 1000);
  const pending = input.pending === true;
  const row: Transaction = {
    id,
    amount: input.amount,
    ledgerMinor,
    description: input.description,
    ...(input.payee === undefined ? {} : { payee: input.payee }),
    posted: pending ? 0 : at,
    transactedAt: at,
    pending,
  };
  account.transactions = insertInOrder(account.transactions, row);
  return id;
}

/**
 * A feed glitch: a USD amount with three decimals. The ledger does not hold it, so a client that
 * quarantines the row still finds balance = opening + the rows it kept.
 */
export function addMalformedTransaction(household: Household, nowMs: number): string {
  const checking = findAccount(household, household.checkingId);
  const id = nextFreeId(checking);
  const row: Transaction = {
    id,
    amount: '-4.125',
    ledgerMinor: undefined,
    description: 'POS DEBIT SFMTA PARKING METER SAN FRANCISCO CA',
    payee: 'SFMTA',
    posted: noonOf(Math.floor(nowMs / 1000 / daySeconds) - 1),
    pending: false,
  };
  checking.transactions = insertInOrder(checking.transactions, row);
  return id;
}

// The next number not taken: a test may have added a row under an id of its own choosing.
function nextFreeId(account: Account): string {
  let id = transactionId(account.nextNumber++);
  while (account.transactions.some((row) => row.id === id)) id = transactionId(account.nextNumber++);
  return id;
}

// Posted rows by date (a new row after older rows of the same date), pending rows last.
function insertInOrder(rows: readonly Transaction[], row: Transaction): Transaction[] {
  const key = (candidate: Transaction): number => (candidate.pending ? Number.POSITIVE_INFINITY : candidate.posted);
  const index = rows.findIndex((candidate) => key(candidate) > key(row));
  return index === -1 ? [...rows, row] : [...rows.slice(0, index), row, ...rows.slice(index)];
}
