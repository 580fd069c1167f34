import { buildAccounts, germanIban, type SimAccount } from './accounts';
import { SIM_BANKS, type SimBankId } from './banks';
import { EU_CITIES, merchantsFor, US_CITIES, type AccountKind, type MerchantSpec } from './merchants';
import { monthlyOutflow, recurring, type RecurringRule } from './recurring';
import { rngFor, type Rng } from './rng';

/** A payee as this customer meets it: store number and city fixed, order code still open. */
export interface PreparedMerchant {
  spec: MerchantSpec;
  descriptor: string;
  /** The descriptor has `@` characters drawn fresh per purchase. */
  hasCode: boolean;
}

/** Everything about one account that does not change from day to day. */
export interface AccountProfile {
  account: SimAccount;
  /** Average everyday events a day, before the weekday factor. */
  lambda: number;
  merchants: readonly PreparedMerchant[];
  /** Cumulative weights of `merchants`, to pick one with a single draw. */
  cumulative: Float64Array;
  rules: readonly RecurringRule[];
  /** Balance at the start of a month (before its postings), and how much it varies. */
  anchorCents: number;
  anchorSpread: number;
  /** How a debit-card purchase on this checking account starts on the statement. */
  debitPrefix: 'checkcard' | 'pos' | null;
  /** Where the customer lives, as statements print it. */
  city: string;
}

const DAYS_PER_MONTH = 30.44;

/** Fills `#` with digits and `%` with the city; `@` stays for each purchase. */
function fill(template: string, rng: Rng, city: string): string {
  let out = '';
  for (const ch of template) out += ch === '#' ? String(rng.int(0, 9)) : ch === '%' ? city : ch;
  return out;
}

interface Everyday {
  lambda: number;
  merchants: PreparedMerchant[];
  cumulative: Float64Array;
  /** Expected money out of the everyday events in a month (positive cents). */
  monthlyOut: number;
}

function everyday(account: SimAccount, kind: AccountKind, daily: number, rng: Rng, city: string): Everyday {
  const merchants = merchantsFor(kind).map((spec) => ({
    spec,
    descriptor: fill(spec.template, rng, city),
    hasCode: spec.template.includes('@'),
  }));
  const cumulative = new Float64Array(merchants.length);
  let total = 0;
  let net = 0;
  merchants.forEach((m, i) => {
    total += m.spec.weight;
    cumulative[i] = total;
    net += m.spec.weight * (m.spec.credit ? 1 : -1) * ((m.spec.min + m.spec.max) / 2);
  });
  const lambda = daily * account.weight;
  return { lambda, merchants, cumulative, monthlyOut: Math.max(0, (-net / total) * lambda * DAYS_PER_MONTH) };
}

/** Pay that covers a month of spending with a little left over, in two paychecks. */
function paycheck(monthlyOut: number, rng: Rng): number {
  return Math.round((monthlyOut * 1.04) / 2 / 100) * 100 + rng.int(0, 99);
}

export function buildProfiles(bank: SimBankId, seed: number, daily: number): AccountProfile[] {
  const accounts = buildAccounts(bank, seed);
  const rng = rngFor(seed, 'profile', bank);
  const info = SIM_BANKS[bank];
  const city = info.region === 'us' ? rng.pick(US_CITIES) : rng.pick(EU_CITIES);
  const byType = (type: SimAccount['type']) => accounts.find((a) => a.type === type);
  const profiles: AccountProfile[] = [];
  const add = (account: SimAccount, day: Everyday, rules: RecurringRule[], anchorCents: number, anchorSpread: number) => {
    const debitPrefix = account.type !== 'checking' || info.region !== 'us' ? null : bank === 'banka' ? 'checkcard' : 'pos';
    profiles.push({ account, ...day, rules, anchorCents, anchorSpread, debitPrefix, city });
  };
  const iban = () => germanIban(String(rng.int(10000000, 99999999)), String(rng.int(0, 9999999999)));

  const credit = byType('credit');
  let cardPay = 0;
  if (credit) {
    const day = everyday(credit, 'us-credit', daily, rng, city);
    const subs =
      bank === 'banka'
        ? [
            recurring('chatgpt', [3], 'OpenAI', 'subscriptions', 'card', 'OPENAI *CHATGPT SUBSCR', -2000),
            recurring('netflix', [7], 'Netflix', 'subscriptions', 'card', 'NETFLIX.COM', -1549),
            recurring('spotify', [12], 'Spotify', 'subscriptions', 'card', 'Spotify USA', -1199),
            recurring('icloud', [18], 'Apple', 'subscriptions', 'card', 'APPLE.COM/BILL', -299),
          ]
        : [
            recurring('hulu', [5], 'Hulu', 'subscriptions', 'card', 'HULU 877-8244858 CA', -1799),
            recurring('nytimes', [9], 'The New York Times', 'subscriptions', 'card', 'NYTIMES*NYTDIGITAL', -1700),
            recurring('adobe', [14], 'Adobe', 'subscriptions', 'card', 'ADOBE *CREATIVE CLOUD', -5999),
            recurring('youtube', [21], 'YouTube', 'subscriptions', 'card', 'GOOGLE *YouTubePremium', -1399),
          ];
    cardPay = Math.round(day.monthlyOut + monthlyOutflow(subs));
    const payDay = bank === 'banka' ? 25 : 20;
    const thanks = bank === 'banka' ? 'AUTOMATIC PAYMENT - THANK YOU' : 'PAYMENT RECEIVED - THANK YOU';
    const payment = recurring('card-payment', [payDay], 'Card payment', 'transfer', 'transfer', thanks, cardPay, {
      spread: 0.15,
      stream: `${bank}-card-payment`,
    });
    add(credit, day, [...subs, payment], -Math.round(cardPay * 0.5), 0.4);
  }

  const savings = byType('savings');
  const checking = byType('checking');
  const savingTransfer = rng.int(20, 60) * 1000;
  if (checking) {
    const day = everyday(checking, info.region === 'us' ? 'us-checking' : 'eu-checking', daily, rng, city);
    const rules: RecurringRule[] = [];
    if (bank === 'banka') {
      rules.push(
        recurring(
          'rent',
          [1],
          'Oakwood Apartments',
          'housing',
          'ach',
          fill('ACH DEBIT OAKWOOD APTS RENT ####', rng, city),
          -rng.int(56, 112) * 2500,
        ),
        recurring('internet', [8], 'Comcast', 'utilities', 'ach', 'COMCAST CABLE COMM 800-COMCAST', -7999),
        recurring('power', [20], 'PG&E', 'utilities', 'ach', 'PG&E WEB ONLINE', -9000, { spread: 0.4 }),
        recurring('phone', [22], 'Verizon', 'utilities', 'ach', 'VERIZON WIRELESS PAYMENTS', -8500),
        recurring('gym', [17], 'Planet Fitness', 'health', 'card', 'PLANET FITNESS %'.replace('%', city), -2499),
      );
      if (savings) {
        rules.push(
          recurring(
            'to-savings',
            [2, 16],
            'Transfer to savings',
            'transfer',
            'transfer',
            `ONLINE TRANSFER TO SAV XXXXXX${savings.mask}`,
            -savingTransfer,
            { stream: 'banka-savings' },
          ),
        );
      }
      if (credit) {
        rules.push(
          recurring(
            'card-payment',
            [25],
            'Card payment',
            'transfer',
            'transfer',
            `ONLINE PAYMENT TO CREDIT CARD XXXX${credit.mask}`,
            -cardPay,
            { spread: 0.15, stream: 'banka-card-payment' },
          ),
        );
      }
    } else if (bank === 'bankb') {
      rules.push(recurring('phone', [12], 'T-Mobile', 'utilities', 'ach', 'T-MOBILE PCS SVC', -7000));
      if (credit) {
        rules.push(
          recurring(
            'card-payment',
            [20],
            'Card payment',
            'transfer',
            'transfer',
            `BANKB CREDIT CARD AUTOPAY ${credit.mask}`,
            -cardPay,
            { spread: 0.15, stream: 'bankb-card-payment' },
          ),
        );
      }
    } else {
      rules.push(
        recurring('rent', [1], 'Hausverwaltung Schmidt', 'housing', 'ach', 'MIETE WOHNUNG 3.OG LINKS', -rng.int(90, 160) * 1000, {
          legal: 'Hausverwaltung Schmidt GmbH',
          iban: iban(),
        }),
        recurring(
          'power',
          [5],
          'Vattenfall',
          'utilities',
          'ach',
          fill('ABSCHLAG STROM VERTRAGSKONTO ##########', rng, city),
          -7800,
          { legal: 'Vattenfall Europe Sales GmbH', iban: iban() },
        ),
        recurring(
          'phone',
          [10],
          'Telekom',
          'utilities',
          'ach',
          fill('TELEKOM DEUTSCHLAND GMBH RG ##########', rng, city),
          -3995,
          { legal: 'Telekom Deutschland GmbH', iban: iban() },
        ),
        recurring('spotify', [12], 'Spotify', 'subscriptions', 'ach', fill('SPOTIFY P##########', rng, city), -1099, {
          legal: 'Spotify AB',
          iban: iban(),
        }),
        recurring(
          'netflix',
          [18],
          'Netflix',
          'subscriptions',
          'ach',
          fill('NETFLIX.COM MITGLIEDSCHAFT ########', rng, city),
          -1399,
          { legal: 'NETFLIX INTERNATIONAL B.V.', iban: iban() },
        ),
      );
      if (savings) {
        rules.push(
          recurring('to-savings', [2], 'Sparplan', 'transfer', 'transfer', 'DAUERAUFTRAG SPAREN', -savingTransfer, {
            stream: 'bankc-savings',
            legal: 'Eigenes Tagesgeld',
            iban: savings.providerAccountId,
          }),
        );
      }
    }
    const pay = paycheck(day.monthlyOut + monthlyOutflow(rules), rng);
    const payroll =
      bank === 'banka'
        ? recurring('payroll', [1, 15], 'Acme Corp', 'income', 'ach', 'ACH DEP ACME CORP PAYROLL', pay)
        : bank === 'bankb'
          ? recurring('payroll', [1, 15], 'Brightside LLC', 'income', 'ach', 'DIRECT DEP BRIGHTSIDE LLC PAYROLL', pay)
          : recurring('payroll', [1, 15], 'ACME GmbH', 'income', 'ach', 'LOHN/GEHALT ACME GMBH', pay, { iban: iban() });
    add(checking, day, [payroll, ...rules], Math.round(pay * 0.5) + 100000, 0.5);
  }

  if (savings) {
    const day = everyday(savings, info.region === 'us' ? 'us-savings' : 'eu-savings', daily, rng, city);
    const anchor = rng.int(50, 400) * 10000;
    const interest = Math.round(anchor * 0.0035);
    const rules =
      bank === 'banka'
        ? [
            recurring(
              'from-checking',
              [2, 16],
              'Transfer from checking',
              'transfer',
              'transfer',
              `ONLINE TRANSFER FROM CHK XXXXXX${checking?.mask ?? '0000'}`,
              savingTransfer,
              { stream: 'banka-savings' },
            ),
            recurring('interest', [31], 'Interest', 'income', 'interest', 'INTEREST PAYMENT', interest, { spread: 0.1 }),
          ]
        : [
            recurring('from-checking', [2], 'Sparplan', 'transfer', 'transfer', 'DAUERAUFTRAG VON GIROKONTO', savingTransfer, {
              stream: 'bankc-savings',
              legal: 'Eigenes Girokonto',
              iban: checking?.providerAccountId ?? null,
            }),
            recurring('interest', [31], 'Zinsen', 'income', 'interest', 'ZINSGUTSCHRIFT', interest, {
              spread: 0.1,
              legal: 'BankC',
            }),
          ];
    add(savings, day, rules, anchor, 0.05);
  }
  profiles.sort((a, b) => a.account.index - b.account.index);
  return profiles;
}
