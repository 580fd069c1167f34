// The deterministic household a test server serves: two connections, five accounts and a few
// months of rows, all derived from a seed and dated relative to "now". Same seed and same day,
// same household, so a test can name what it expects.
import { formatAmount, type AmountStyle } from './amounts';
import { cardMerchants, checkingMerchants, chequingMerchants, type Merchant } from './merchants';
import { seededRandom, type SeededRandom } from './seeded-random';

export interface Transaction {
  readonly id: string;
  /** As sent on the wire. */
  readonly amount: string;
  /** Minor units that count in the balance; undefined for a feed glitch that the bank's ledger does not hold. */
  readonly ledgerMinor: number | undefined;
  readonly description: string;
  readonly payee?: string;
  readonly memo?: string;
  /** Epoch seconds; 0 while pending, as real bridges send it. */
  readonly posted: number;
  readonly transactedAt?: number;
  readonly pending: boolean;
}

export interface Account {
  readonly id: string;
  readonly connId: string;
  readonly name: string;
  /** An ISO 4217 code, or the URL of a custom currency. */
  readonly currency: string;
  readonly decimals: number;
  /** Only some accounts report an available balance; the rest omit the field. */
  readonly reportsAvailable: boolean;
  /** The balance just before the first row; balance = opening + every posted ledger row. */
  readonly openingMinor: number;
  readonly openingDate: number;
  /** Ordered by posted date; pending rows last. Changed by the server's state controls. */
  transactions: Transaction[];
  /** The next row number: ids are `TRN-0001`, `TRN-0002`, ... within each account. */
  nextNumber: number;
}

export interface Connection {
  readonly connId: string;
  readonly name: string;
  readonly orgId: string;
  readonly orgDomain: string;
}

export interface Household {
  readonly connections: readonly Connection[];
  readonly accounts: readonly Account[];
  readonly checkingId: string;
  /** The one pending charge planted in checking, until it posts. */
  plantedPendingId: string | undefined;
}

export interface HouseholdOptions {
  readonly seed: number;
  readonly nowMs: number;
  readonly historyDays: number;
  /** Where the rewards account's custom currency is described. */
  readonly pointsCurrencyUrl: string;
}

export const daySeconds = 86_400;

/** Rows post at 12:00 UTC of their day. */
export function noonOf(day: number): number {
  return day * daySeconds + daySeconds / 2;
}

export function transactionId(number: number): string {
  return `TRN-${String(number).padStart(4, '0')}`;
}

interface Draft {
  readonly day: number;
  readonly minor: number;
  readonly style?: AmountStyle;
  readonly description: string;
  readonly payee?: string;
  readonly memo?: string;
  readonly transactedAt?: number;
}

interface AccountSpec {
  readonly connId: string;
  readonly name: string;
  readonly currency: string;
  readonly decimals: number;
  readonly reportsAvailable: boolean;
  readonly openingMinor: number;
}

export function createHousehold(options: HouseholdOptions): Household {
  // Ids are drawn first, so they depend on the seed alone, not on how many days are generated.
  const random = seededRandom(options.seed);
  const bank: Connection = connection(random, 'First Example Bank', 'firstexamplebank.example');
  const union: Connection = connection(random, 'Maple Credit Union', 'maplecu.example');
  const ids = Array.from({ length: 5 }, () => `ACT-${random.hex(8)}-${random.hex(4)}`);
  const [checkingId = '', savingsId = '', cardId = '', chequingId = '', rewardsId = ''] = ids;

  const today = Math.floor(options.nowMs / 1000 / daySeconds);
  // Whole days strictly before today: every row is in the past and none older than historyDays.
  const firstDay = today - options.historyDays + 1;
  const drafts = {
    checking: [] as Draft[],
    savings: [] as Draft[],
    card: [] as Draft[],
    chequing: [] as Draft[],
    rewards: [] as Draft[],
  };
  const cardSpentByMonth = new Map<string, number>();
  const cardOpeningDebt = 61_240;

  for (let day = firstDay; day < today; day++) {
    const date = new Date(day * daySeconds * 1000);
    const dom = date.getUTCDate();
    const lastOfMonth = new Date((day + 1) * daySeconds * 1000).getUTCDate() === 1;
    const month = monthKey(date);

    // Checking: paychecks, rent, a utility, the monthly sweep to savings and the card payment.
    if (dom === 1 || dom === 15) {
      drafts.checking.push({
        day,
        minor: 390_000,
        description: 'DIRECT DEP ACME CORP PAYROLL PPD ID: 9100012345',
        payee: 'Acme Corp',
        memo: 'Payroll',
      });
    }
    if (dom === 1) {
      drafts.checking.push({
        day,
        minor: -240_000,
        style: 'short',
        description: 'ONLINE TRANSFER TO PARKSIDE PROPERTY MGMT',
        payee: 'Parkside Property Management',
        memo: 'Rent',
      });
    }
    if (dom === 2) {
      drafts.checking.push({ day, minor: -50_000, description: 'ONLINE TRANSFER TO SAV ...4821', memo: 'Savings' });
      drafts.savings.push({ day, minor: 50_000, description: 'ONLINE TRANSFER FROM CHK ...7730' });
    }
    if (dom === 20) {
      drafts.checking.push({ day, minor: -random.int(8_000, 16_000), description: 'PGANDE WEB ONLINE PAYMENT', payee: 'PG&E' });
    }
    if (dom === 25) {
      const previous = monthKey(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1)));
      const due = cardSpentByMonth.get(previous) ?? cardOpeningDebt;
      drafts.checking.push({ day, minor: -due, description: 'ONLINE PAYMENT TO VISA CARD ...4417', memo: 'Card payment' });
      drafts.card.push({ day, minor: due, description: 'PAYMENT RECEIVED - THANK YOU' });
    }
    for (let n = random.int(1, 2); n > 0; n--) drafts.checking.push(purchase(random, day, checkingMerchants, 1));

    // Savings earns interest at month end.
    if (lastOfMonth)
      drafts.savings.push({ day, minor: random.int(3_000, 5_000), description: 'INTEREST PAYMENT', memo: 'Monthly interest' });

    // Credit card: subscriptions and purchases; each month's total is paid on the 25th of the next.
    const cardDay: Draft[] = [];
    if (dom === 9) cardDay.push({ day, minor: -1_549, description: 'NETFLIX.COM 866-579-7172 CA', payee: 'Netflix' });
    if (dom === 17) cardDay.push({ day, minor: -1_199, description: 'SPOTIFY USA 877-778-1161 NY', payee: 'Spotify' });
    for (let n = random.int(1, 2); n > 0; n--) cardDay.push(purchase(random, day, cardMerchants, 2));
    for (const row of cardDay) cardSpentByMonth.set(month, (cardSpentByMonth.get(month) ?? 0) - row.minor);
    drafts.card.push(...cardDay);

    // CAD chequing: semi-monthly pay, rent sent by e-transfer, two bills, everyday spending.
    if (dom === 15 || lastOfMonth) {
      drafts.chequing.push({
        day,
        minor: 215_000,
        description: 'PAYROLL DEP MAPLE LEAF FOODS',
        payee: 'Maple Leaf Foods',
        memo: 'Payroll',
      });
    }
    if (dom === 1) {
      drafts.chequing.push({ day, minor: -135_000, style: 'short', description: 'INTERAC E-TRF SENT', memo: 'Rent' });
    }
    if (dom === 12) {
      drafts.chequing.push({
        day,
        minor: -random.int(6_000, 11_000),
        description: 'PRE-AUTH DEBIT ENBRIDGE GAS',
        payee: 'Enbridge Gas',
      });
    }
    if (dom === 22)
      drafts.chequing.push({ day, minor: -7_500, style: 'short', description: 'ROGERS WIRELESS PAD', payee: 'Rogers' });
    for (let n = random.int(1, 2); n > 0; n--) drafts.chequing.push(purchase(random, day, chequingMerchants, 1));

    // Rewards points: earned monthly, redeemed every other month.
    if (dom === 3)
      drafts.rewards.push({ day, minor: random.int(1_200, 2_400), description: 'POINTS EARNED - CHEQUING ACTIVITY' });
    if (dom === 20 && date.getUTCMonth() % 2 === 0) {
      drafts.rewards.push({ day, minor: -2_500, description: 'POINTS REDEEMED - CINEPLEX GIFT CARD', payee: 'Cineplex' });
    }
  }

  const openingDate = firstDay * daySeconds;
  const usd = { decimals: 2, currency: 'USD' };
  const checking = finish(
    { id: checkingId, openingDate },
    { connId: bank.connId, name: 'Everyday Checking', ...usd, reportsAvailable: true, openingMinor: 284_017 },
    drafts.checking,
  );
  const accounts: Account[] = [
    checking,
    finish(
      { id: savingsId, openingDate },
      { connId: bank.connId, name: 'High Yield Savings', ...usd, reportsAvailable: false, openingMinor: 1_250_000 },
      drafts.savings,
    ),
    finish(
      { id: cardId, openingDate },
      {
        connId: bank.connId,
        name: 'Cash Rewards Visa Credit Card',
        ...usd,
        reportsAvailable: false,
        openingMinor: -cardOpeningDebt,
      },
      drafts.card,
    ),
    finish(
      { id: chequingId, openingDate },
      {
        connId: union.connId,
        name: 'Maple Chequing',
        currency: 'CAD',
        decimals: 2,
        reportsAvailable: true,
        openingMinor: 310_562,
      },
      drafts.chequing,
    ),
    finish(
      { id: rewardsId, openingDate },
      {
        connId: union.connId,
        name: 'Maple Rewards',
        currency: options.pointsCurrencyUrl,
        decimals: 0,
        reportsAvailable: false,
        openingMinor: 12_000,
      },
      drafts.rewards,
    ),
  ];

  // The one pending charge: a restaurant hold that later posts with a tip under a new id.
  const pendingId = transactionId(checking.nextNumber++);
  checking.transactions.push({
    id: pendingId,
    amount: '-42.00',
    ledgerMinor: -4_200,
    description: 'TST* CORNER BISTRO',
    payee: 'Corner Bistro',
    posted: 0,
    transactedAt: Math.floor(options.nowMs / 60_000) * 60 - 36 * 3_600,
    pending: true,
  });

  return { connections: [bank, union], accounts, checkingId, plantedPendingId: pendingId };
}

function connection(random: SeededRandom, name: string, orgDomain: string): Connection {
  return { connId: `CON-${random.hex(12)}`, name, orgId: `ORG-${random.hex(12)}`, orgDomain };
}

function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}-${date.getUTCMonth()}`;
}

// A card purchase is made some hours or days before it posts; transacted_at is left off a few.
function purchase(random: SeededRandom, day: number, merchants: readonly Merchant[], maxLagDays: number): Draft {
  const merchant = random.pick(merchants);
  const prices = merchant.prices;
  const price = 'min' in prices ? random.int(prices.min, prices.max) : random.pick(prices);
  const lag = random.int(0, maxLagDays);
  // Same-day purchases happen in the morning, before the noon posting.
  const hour = lag === 0 ? random.int(6, 11) : random.int(7, 22);
  const transactedAt = (day - lag) * daySeconds + hour * 3_600 + random.int(0, 59) * 60;
  return {
    day,
    minor: -price,
    style: merchant.short ? 'short' : 'fixed',
    description: merchant.description,
    ...(merchant.payee === undefined ? {} : { payee: merchant.payee }),
    ...(merchant.memo === undefined ? {} : { memo: merchant.memo }),
    ...(random.chance(0.9) ? { transactedAt } : {}),
  };
}

function finish(identity: { id: string; openingDate: number }, spec: AccountSpec, drafts: readonly Draft[]): Account {
  const transactions = drafts.map((draft, index): Transaction => ({
    id: transactionId(index + 1),
    amount: formatAmount(draft.minor, spec.decimals, draft.style),
    ledgerMinor: draft.minor,
    description: draft.description,
    ...(draft.payee === undefined ? {} : { payee: draft.payee }),
    ...(draft.memo === undefined ? {} : { memo: draft.memo }),
    posted: noonOf(draft.day),
    ...(draft.transactedAt === undefined ? {} : { transactedAt: draft.transactedAt }),
    pending: false,
  }));
  return { ...identity, ...spec, transactions, nextNumber: transactions.length + 1 };
}
