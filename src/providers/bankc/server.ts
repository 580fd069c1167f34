import { civilFromDay, dayFromIso, euDate } from '../sim/calendar';
import { stateAt, type SimEvent } from '../sim/event';
import { hex8 } from '../sim/ids';
import { mix } from '../sim/rng';
import type { SimBank } from '../sim/sim-bank';
import type { BankCAccount, BankCTransaction, BankCTransactionsQuery, BankCTransactionsResponse } from './schema';

export const BANKC_MAX_LIMIT = 200;

/** Which id a record of the event carries: the first one, a tipped booking's, a re-issued one. */
export type BankCIdKind = 'first' | 'tipped' | 'reissued';

export function bankCTxnId(event: SimEvent, kind: BankCIdKind): string {
  const tag = kind === 'first' ? 0 : kind === 'tipped' ? 0x7199 : 0x4e15;
  // UUID-shaped; the first group is all of `idLo` and the version group names the kind,
  // so two records never share an id.
  const a = hex8(event.idHi);
  const b = hex8(event.idLo);
  const c = hex8(mix(event.idHi, tag));
  const kindDigit = kind === 'first' ? '0' : kind === 'tipped' ? '1' : '2';
  return `${b}-${a.slice(0, 4)}-4${kindDigit}${a.slice(4, 6)}-${c.slice(0, 4)}-${c.slice(4)}${hex8(mix(event.idLo, tag))}`;
}

/** The id BankC serves for the event at `nowMs` (when it is visible). */
export function bankCIdAt(event: SimEvent, nowMs: number): string {
  if (stateAt(event, nowMs) !== 'posted') return bankCTxnId(event, 'first');
  if (event.postedCents !== event.amountCents) return bankCTxnId(event, 'tipped');
  return nowMs >= event.reissueMs ? bankCTxnId(event, 'reissued') : bankCTxnId(event, 'first');
}

/** Cents as BankC writes them: `-1.234,56`. */
export function euroText(cents: number): string {
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const whole = units < 1000 ? String(units) : String(units).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const fraction = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${whole},${fraction}`;
}

/** BankC's German booking text for the event (Buchungstext); the Enable Banking test bank (devtools) serves the same. */
export function bookingText(event: SimEvent): string {
  switch (event.channel) {
    case 'card':
      return 'Kartenzahlung';
    case 'atm':
      return 'Bargeldauszahlung';
    case 'interest':
      return 'Abschluss';
    case 'fee':
      return 'Entgelt';
    case 'transfer':
      return event.amountCents < 0 ? 'Dauerauftrag' : 'Gutschrift';
    default:
      return event.amountCents < 0 ? 'Lastschrift' : 'Gutschrift';
  }
}

/**
 * BankC's data API: accounts by IBAN, transactions from `date_from` up to now with
 * offset/limit paging, oldest first. A tipped restaurant bill books under a new id with
 * the tip added, and a few booked records come back under a new id days later.
 */
export class BankCServer {
  constructor(private readonly sim: SimBank) {}

  async listAccounts(accessToken: string): Promise<{ accounts: BankCAccount[] }> {
    await this.sim.admit(accessToken, 'accounts:read');
    const now = this.sim.nowMs();
    return {
      accounts: this.sim.world.accounts.map((account) => ({
        iban: account.providerAccountId,
        product: account.name,
        account_type: account.type === 'savings' ? 'SAVINGS' : account.type === 'credit' ? 'CARD' : 'CURRENT',
        balance: { amount: euroText(this.sim.world.balanceAt(account, now)), currency: 'EUR' },
      })),
    };
  }

  async listTransactions(accessToken: string, query: BankCTransactionsQuery): Promise<BankCTransactionsResponse> {
    await this.sim.admit(accessToken, 'transactions:read');
    const account = this.sim.account(query.iban);
    const since = dayFromIso(query.date_from);
    if (since === undefined) throw this.sim.badRequest(`date_from "${query.date_from}" is not a date`);
    if (!Number.isSafeInteger(query.offset) || query.offset < 0) throw this.sim.badRequest(`offset ${query.offset} is not valid`);
    const limit = Math.min(Math.max(1, Math.floor(query.limit)), BANKC_MAX_LIMIT);
    const now = this.sim.nowMs();
    const { firstDay, today } = this.sim.world.window(now);
    const fromDay = Math.max(since, firstDay);
    const total = this.sim.total(account, fromDay, now);
    const transactions: unknown[] = [];
    let { day, seq } = this.sim.locate(account, fromDay, now, query.offset);
    for (; day <= today && transactions.length < limit; day++, seq = 0) {
      const events = this.sim.world.eventsOn(account, day);
      const date = euDate(civilFromDay(day));
      for (; seq < events.length && transactions.length < limit; seq++) {
        const event = events[seq];
        if (!event || event.authMs > now) break;
        transactions.push(this.record(event, now, date));
      }
      if (transactions.length === limit) break;
    }
    if (day <= today) this.sim.remember(this.sim.positionKey(account, fromDay, query.offset + transactions.length), { day, seq });
    return { transactions, offset: query.offset, limit, total };
  }

  private record(event: SimEvent, now: number, date: string): unknown {
    const booked = stateAt(event, now) === 'posted';
    const raw: BankCTransaction = {
      transaction_id: bankCIdAt(event, now),
      booking_status: booked ? 'booked' : 'pending',
      booking_date: date,
      value_date: booked ? euDate(civilFromDay(this.sim.world.dayOf(event.settleMs))) : null,
      amount: euroText(booked ? event.postedCents : event.amountCents),
      currency: 'EUR',
      counterparty: { name: event.legal, iban: event.counterpartyIban },
      remittance_info: event.descriptor,
      booking_text: bookingText(event),
    };
    const corruption = this.sim.corruption(event, now);
    return corruption < 0 ? raw : corruptBankC(raw, corruption);
  }
}

/** What a broken BankC record looks like; each breaks one field. */
export function corruptBankC(raw: BankCTransaction, selector: number): Record<string, unknown> {
  const { remittance_info: _info, ...withoutInfo } = raw;
  const variants: Array<() => Record<string, unknown>> = [
    () => ({ ...raw, amount: raw.amount.replace(/\./g, '').replace(',', '.') }),
    () => ({ ...raw, amount: Number(raw.amount.replace(/\./g, '').replace(',', '.')) }),
    () => ({ ...raw, booking_date: raw.booking_date.replace(/^\d{2}\.\d{2}/, '31.02') }),
    () => ({ ...raw, booking_date: raw.booking_date.split('.').reverse().join('-') }),
    () => ({ ...raw, booking_status: 'BOOK' }),
    () => ({ ...raw, counterparty: null }),
    () => withoutInfo,
    () => ({ ...raw, currency: 'EURO' }),
  ];
  const variant = variants[(selector >>> 0) % variants.length];
  return variant ? variant() : raw;
}
