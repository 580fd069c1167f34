// The bank's books: Lena Berg's Girokonto and Tagesgeld in Berlin, the BankC accounts of
// finagg's simulated household (providers/sim), with the same IBANs and the same events.
// The simulated world is read once at start for `historyDays` days up to `now`; on top of it a
// few rows are planted that the tests need whatever the world did that week (see plantScene).
// Balances are always worked out from the rows: booked = opening + booked rows, available =
// booked + pending rows, so every control that changes rows keeps them consistent.
import { createHash } from 'node:crypto';
import { bookingText } from '../../providers/bankc/server';
import { civilFromDay, dayFromIso, isoDate } from '../../providers/sim/calendar';
import { DEFAULT_SIM_CONFIG } from '../../providers/sim/config';
import { stateAt, type SimEvent } from '../../providers/sim/event';
import { hex8 } from '../../providers/sim/ids';
import { mix, mixNumber } from '../../providers/sim/rng';
import { SimWorld } from '../../providers/sim/world';
import { testBankName } from './aspsps';

export type AccountKey = 'girokonto' | 'tagesgeld';
export type RowStatus = 'BOOK' | 'PDNG';

export interface Party {
  readonly name: string;
  readonly iban?: string;
}

export interface Row {
  /** Insertion order: rows of one day are listed by it. */
  readonly serial: number;
  readonly status: RowStatus;
  /** The entry_reference; renumberDay changes it. */
  reference: string | null;
  /** How a row without a reference says so: `entry_reference: null`, or no field at all. */
  readonly missingReference?: 'null' | 'absent';
  /** Signed: negative is money out (DBIT). */
  readonly cents: number;
  readonly bookingDay?: number;
  readonly valueDay?: number;
  readonly transactionDay?: number;
  readonly creditor?: Party;
  readonly debtor?: Party;
  readonly remittance: readonly string[];
  readonly merchantCategoryCode?: string;
  readonly bankTransactionCode?: string;
}

export interface BankAccount {
  readonly key: AccountKey;
  readonly iban: string;
  readonly holder: string;
  readonly details: string;
  readonly product: string;
  readonly cashAccountType: 'CACC' | 'SVGS';
  readonly currency: 'EUR';
  /** Stable across sessions, unlike the session-scoped uid. */
  readonly identificationHash: string;
  /** The booked balance before the oldest held row. */
  readonly openingCents: number;
  /** Whether booked rows carry balance_after_transaction (the Girokonto's do). */
  readonly runningBalances: boolean;
  rows: Row[];
}

export interface Bank {
  readonly accounts: BankAccount[];
  /** Day numbers (the bank's calendar, UTC+1): the oldest day held and "today" at start. */
  readonly firstDay: number;
  readonly startDay: number;
  /** The day of the planted card purchases, renumberDay's default. */
  readonly sceneDay: number;
  /** The entry_reference of the planted pending restaurant charge, until it books. */
  plantedPending: string | undefined;
  /** The world, for the bank's calendar. */
  readonly world: SimWorld;
  nextSerial: number;
  referenceCount: number;
  /** Mixed into the references of the world's events: the same on every start with this seed. */
  readonly eventHash: number;
  /** Mixed into new references (planted rows, bookings, renumbering). */
  readonly referenceHash: number;
  readonly usedReferences: Set<string>;
}

export interface BankOptions {
  readonly seed: number;
  readonly nowMs: number;
  readonly historyDays: number;
}

export const holderName = 'Lena Berg';

const accountLooks: Readonly<Record<string, { key: AccountKey; details: string; product: string; type: 'CACC' | 'SVGS' }>> = {
  checking: { key: 'girokonto', details: 'Girokonto', product: 'Privatgirokonto', type: 'CACC' },
  savings: { key: 'tagesgeld', details: 'Tagesgeld', product: 'Tagesgeldkonto', type: 'SVGS' },
};

export function createBank(options: BankOptions): Bank {
  const world = new SimWorld('bankc', options.seed, { ...DEFAULT_SIM_CONFIG, historyDays: options.historyDays });
  const { firstDay, today } = world.window(options.nowMs);
  const bank: Bank = {
    accounts: [],
    firstDay,
    startDay: today,
    sceneDay: Math.max(firstDay, today - 2),
    plantedPending: undefined,
    world,
    nextSerial: 1,
    referenceCount: 0,
    eventHash: mixNumber(0xeb0b, options.seed),
    // New references differ by start day: the planted rows of another day are other postings.
    referenceHash: mix(mixNumber(0xeb0b, options.seed), today),
    usedReferences: new Set(),
  };
  for (const simAccount of world.accounts) {
    const looks = accountLooks[simAccount.type];
    if (!looks) continue;
    const rows: Row[] = [];
    world.scan(simAccount, firstDay, today, (event) => {
      const row = rowOfEvent(bank, event, options.nowMs);
      if (row) rows.push(row);
    });
    const bookedSum = rows.reduce((sum, row) => (row.status === 'BOOK' ? sum + row.cents : sum), 0);
    bank.accounts.push({
      key: looks.key,
      iban: simAccount.providerAccountId,
      holder: holderName,
      details: looks.details,
      product: looks.product,
      cashAccountType: looks.type,
      currency: 'EUR',
      identificationHash: createHash('sha256').update(`finagg-testbank:${simAccount.providerAccountId}`).digest('base64url'),
      openingCents: world.balanceAt(simAccount, options.nowMs) - bookedSum,
      runningBalances: looks.key === 'girokonto',
      rows,
    });
  }
  plantScene(bank, Math.max(firstDay, today - 1));
  return bank;
}

/**
 * What the tests need whatever the world did that week: on the scene day three card
 * purchases with references and two identical coffees without (a reference-less pair a
 * client must keep as two rows), and a pending restaurant charge from yesterday that
 * bookPending books with a tip.
 */
function plantScene(bank: Bank, pendingDay: number): void {
  const giro = accountByKey(bank, 'girokonto');
  const day = bank.sceneDay;
  const card = (cents: number, name: string, text: string, mcc: string, reference: boolean): Row => ({
    serial: bank.nextSerial++,
    status: 'BOOK',
    reference: reference ? newReference(bank) : null,
    ...(reference ? {} : { missingReference: 'absent' as const }),
    cents,
    bookingDay: day,
    valueDay: day,
    transactionDay: day,
    creditor: { name },
    remittance: [text],
    merchantCategoryCode: mcc,
    bankTransactionCode: 'Kartenzahlung',
  });
  const planted: Row[] = [
    card(-2_347, 'REWE Markt GmbH', 'REWE SAGT DANKE. 44218907//Berlin/DE', '5411', true),
    card(-3_990, 'DB Vertrieb GmbH', 'DB VERTRIEB GMBH A-NR K7QX2M', '4112', true),
    card(-865, 'Dirk Rossmann GmbH', 'ROSSMANN 2231//Berlin/DE', '5912', true),
    card(-340, 'Balzac Coffee', 'BALZAC COFFEE 381//Berlin/DE', '5814', false),
    card(-340, 'Balzac Coffee', 'BALZAC COFFEE 381//Berlin/DE', '5814', false),
  ];
  const pendingReference = newReference(bank);
  planted.push({
    serial: bank.nextSerial++,
    status: 'PDNG',
    reference: pendingReference,
    cents: -4_860,
    transactionDay: pendingDay,
    creditor: { name: 'Trattoria da Mario' },
    remittance: ['TRATTORIA DA MARIO//Berlin/DE'],
    merchantCategoryCode: '5812',
    bankTransactionCode: 'Kartenzahlung',
  });
  giro.rows.push(...planted);
  bank.plantedPending = pendingReference;
}

function rowOfEvent(bank: Bank, event: SimEvent, nowMs: number): Row | undefined {
  const state = stateAt(event, nowMs);
  if (state !== 'pending' && state !== 'posted') return undefined;
  const booked = state === 'posted';
  const cents = booked ? event.postedCents : event.amountCents;
  const bookingDay = booked ? bank.world.dayOf(event.settleMs) : undefined;
  const name = event.channel === 'interest' ? testBankName : event.legal;
  const party: Party = event.counterpartyIban ? { name, iban: event.counterpartyIban } : { name };
  // Interest postings come without a reference, as the year-end statement lines of many banks do.
  const withoutReference = booked && event.channel === 'interest';
  const reference = withoutReference ? null : eventReference(bank, event, booked);
  if (reference !== null) bank.usedReferences.add(reference);
  const mcc = event.channel === 'card' ? merchantCategoryCode(event) : undefined;
  return {
    serial: bank.nextSerial++,
    status: booked ? 'BOOK' : 'PDNG',
    reference,
    ...(withoutReference ? { missingReference: 'null' as const } : {}),
    cents,
    ...(bookingDay === undefined ? {} : { bookingDay, valueDay: bookingDay }),
    transactionDay: event.day,
    ...(cents < 0 ? { creditor: party } : { debtor: party }),
    remittance: [event.descriptor],
    ...(mcc === undefined ? {} : { merchantCategoryCode: mcc }),
    bankTransactionCode: bookingText(event),
  };
}

// A booked entry and its pending authorization carry different references, as real banks' do.
function eventReference(bank: Bank, event: SimEvent, booked: boolean): string {
  const tag = booked ? 0xb00c : 0x9e4d;
  return (hex8(mix(mix(bank.eventHash, event.idHi), tag)) + hex8(event.idLo)).toUpperCase();
}

/** A reference no row has had: for bookings, new pending charges and renumbered days. */
export function newReference(bank: Bank): string {
  for (;;) {
    const count = bank.referenceCount++;
    const reference = (hex8(mix(bank.referenceHash, count)) + hex8(mix(bank.referenceHash ^ 0x5a5a5a5a, count))).toUpperCase();
    if (!bank.usedReferences.has(reference)) {
      bank.usedReferences.add(reference);
      return reference;
    }
  }
}

const mccByMerchant: Readonly<Record<string, string>> = {
  'Deutsche Bahn': '4112',
  BVG: '4111',
  'FREE NOW': '4121',
  Zalando: '5691',
  IKEA: '5712',
  MediaMarkt: '5732',
  Eventim: '7922',
  CinemaxX: '7832',
  Lieferando: '5814',
  'Balzac Coffee': '5814',
  Starbucks: '5814',
};

const mccByCategory: Readonly<Record<string, string>> = {
  groceries: '5411',
  dining: '5812',
  gas: '5541',
  transport: '4131',
  shopping: '5999',
  health: '5912',
  entertainment: '7999',
  travel: '4722',
};

function merchantCategoryCode(event: SimEvent): string {
  return mccByMerchant[event.merchant] ?? mccByCategory[event.category] ?? '5999';
}

export function accountByKey(bank: Bank, key: AccountKey): BankAccount {
  const account = bank.accounts.find((candidate) => candidate.key === key);
  if (!account) throw new Error(`no account ${key}`);
  return account;
}

/** An account named by key ("girokonto", "tagesgeld") or IBAN; the Girokonto when none is named. */
export function resolveAccount(bank: Bank, name: string | undefined): BankAccount {
  if (name === undefined) return accountByKey(bank, 'girokonto');
  const wanted = name.replace(/\s+/g, '').toLowerCase();
  const account = bank.accounts.find((candidate) => candidate.key === wanted || candidate.iban.toLowerCase() === wanted);
  if (!account) throw new Error(`no account ${JSON.stringify(name)}: name girokonto, tagesgeld or an IBAN`);
  return account;
}

export function isoDay(day: number): string {
  return isoDate(civilFromDay(day));
}

/** Booked rows by booking date, then pending rows by transaction date; insertion order within a day. */
export function listedRows(account: BankAccount): Row[] {
  const booked = account.rows.filter((row) => row.status === 'BOOK');
  const pending = account.rows.filter((row) => row.status !== 'BOOK');
  const byDay = (day: (row: Row) => number) => (a: Row, b: Row) => day(a) - day(b) || a.serial - b.serial;
  booked.sort(byDay((row) => row.bookingDay ?? 0));
  pending.sort(byDay((row) => row.transactionDay ?? 0));
  return [...booked, ...pending];
}

export function bookedCents(account: BankAccount): number {
  let sum = account.openingCents;
  for (const row of account.rows) if (row.status === 'BOOK') sum += row.cents;
  return sum;
}

export function availableCents(account: BankAccount): number {
  let sum = bookedCents(account);
  for (const row of account.rows) if (row.status === 'PDNG') sum += row.cents;
  return sum;
}

// ---- what the state controls do to the books ----

export interface BookPendingOptions {
  /** Added to the charge when it books; default 15% of it, rounded to cents. */
  readonly tipCents?: number;
  /** Days from the pending charge's date to its booking date; default 1. */
  readonly daysLater?: number;
}

export interface BookedPending {
  readonly pendingReference: string;
  readonly bookedReference: string;
  /** Signed, as booked: the charge plus the tip, negative. */
  readonly bookedCents: number;
  readonly bookingDate: string;
}

/**
 * The planted restaurant charge books: the pending row goes, a booked row with the tip comes
 * under a new reference and the card processor's form of the name, with the same creditor.
 */
export function bookPlantedPending(bank: Bank, options: BookPendingOptions = {}): BookedPending {
  const giro = accountByKey(bank, 'girokonto');
  const pendingReference = bank.plantedPending;
  const pending = giro.rows.find((row) => row.status === 'PDNG' && row.reference === pendingReference);
  if (pendingReference === undefined || !pending) throw new Error('the planted pending charge has already booked');
  const charge = Math.abs(pending.cents);
  const tip = options.tipCents ?? Math.round(charge * 0.15);
  const daysLater = options.daysLater ?? 1;
  if (!Number.isSafeInteger(tip) || tip < 0) throw new Error('tipCents must be a whole number of cents, 0 or more');
  if (!Number.isSafeInteger(daysLater) || daysLater < 0 || daysLater > 30)
    throw new Error('daysLater must be a whole number from 0 to 30');
  const transactionDay = pending.transactionDay ?? bank.startDay;
  const bookingDay = transactionDay + daysLater;
  const bookedReference = newReference(bank);
  const creditorName = pending.creditor?.name ?? 'Card payment';
  const booked: Row = {
    serial: bank.nextSerial++,
    status: 'BOOK',
    reference: bookedReference,
    cents: -(charge + tip),
    bookingDay,
    valueDay: bookingDay,
    transactionDay,
    creditor: { name: creditorName },
    remittance: [`SUMUP *${creditorName.toUpperCase()} BERLIN`, `Kartenzahlung vom ${isoDay(transactionDay)}`],
    ...(pending.merchantCategoryCode === undefined ? {} : { merchantCategoryCode: pending.merchantCategoryCode }),
    bankTransactionCode: 'Kartenzahlung',
  };
  giro.rows = [...giro.rows.filter((row) => row !== pending), booked];
  bank.plantedPending = undefined;
  return { pendingReference, bookedReference, bookedCents: booked.cents, bookingDate: isoDay(bookingDay) };
}

export interface NewPending {
  /** girokonto (default), tagesgeld or an IBAN. */
  readonly account?: string;
  /** The charge in cents; it is always money out, whatever the sign. */
  readonly amountCents: number;
  readonly creditor: string;
  readonly remittance?: string;
}

/** A new pending card charge dated `today`; returns its entry_reference. */
export function addPendingCharge(bank: Bank, today: number, input: NewPending): string {
  const account = resolveAccount(bank, input.account);
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents === 0)
    throw new Error('amountCents must be a whole number of cents, not 0');
  if (input.creditor.trim() === '') throw new Error('creditor must name the merchant');
  const reference = newReference(bank);
  account.rows.push({
    serial: bank.nextSerial++,
    status: 'PDNG',
    reference,
    cents: -Math.abs(input.amountCents),
    transactionDay: today,
    creditor: { name: input.creditor },
    remittance: [input.remittance ?? `${input.creditor.toUpperCase()}//Berlin/DE`],
    merchantCategoryCode: '5999',
    bankTransactionCode: 'Kartenzahlung',
  });
  return reference;
}

export interface Renumbered {
  readonly before: string;
  readonly after: string;
}

/**
 * The bank renumbers a day: each booked row with a reference takes the next row's reference,
 * and the last one a brand-new reference, so every old reference still listed names a
 * different posting than before. The day (default: the planted purchases' day) needs at
 * least three such rows.
 */
export function renumberBookedDay(bank: Bank, account: BankAccount, date?: string): Renumbered[] {
  const day = date === undefined ? bank.sceneDay : dayFromIso(date);
  if (day === undefined) throw new Error('date must be a date YYYY-MM-DD');
  const rows = listedRows(account).filter((row) => row.status === 'BOOK' && row.bookingDay === day && row.reference !== null);
  if (rows.length < 3) {
    throw new Error(
      `${isoDay(day)} has ${rows.length} booked rows with a reference on the ${account.details}; renumbering needs 3`,
    );
  }
  const before = rows.map((row) => row.reference ?? '');
  const fresh = newReference(bank);
  rows.forEach((row, index) => {
    row.reference = before[index + 1] ?? fresh;
  });
  return rows.map((row, index) => ({ before: before[index] ?? '', after: row.reference ?? '' }));
}

/** The bank stops listing a booked row (its amount leaves the booked balance with it). */
export function dropBookedRow(bank: Bank, reference: string): AccountKey {
  for (const account of bank.accounts) {
    const row = account.rows.find((candidate) => candidate.status === 'BOOK' && candidate.reference === reference);
    if (row) {
      account.rows = account.rows.filter((candidate) => candidate !== row);
      return account.key;
    }
  }
  throw new Error(`no booked row has the reference ${JSON.stringify(reference)}`);
}
