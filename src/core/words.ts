/**
 * English for the messages a person reads (alerts, anomalies, upcoming, sync notes):
 * counts with their noun in the right number, `a` or `an`, a category as words, and a
 * range of amounts. Pure: strings and numbers in, a string out.
 */

/** `1 charge`, `3 charges`; `1 anomaly`, `2 anomalies`. The plural is guessed unless given. */
export function plural(n: number, noun: string, pluralForm?: string): string {
  return `${n} ${n === 1 ? noun : (pluralForm ?? pluralOf(noun))}`;
}

/** The regular plural: `day` → `days`, `anomaly` → `anomalies`, `fix` → `fixes`. */
function pluralOf(noun: string): string {
  if (/[^aeiou]y$/i.test(noun)) return `${noun.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/i.test(noun)) return `${noun}es`;
  return `${noun}s`;
}

/** Words whose sound starts otherwise than their first letter says. */
const AN_BEFORE = new Set(['hour', 'hourly', 'honest', 'honor', 'heir']);
const A_BEFORE = /^(one|once|uni(?!n)|use|usu|uti|ubi|eu|ewe)/i;

/**
 * `a` or `an` for a word, by its sound: `an annual`, `a monthly`, `an hour`, `a user`,
 * `a one-time`, `an unusual`, `an ATM` (letters read one by one), `a USB`.
 */
export function article(word: string): 'a' | 'an' {
  const first = word.trim().split(/[\s-]/)[0] ?? '';
  const lower = first.toLowerCase();
  if (AN_BEFORE.has(lower)) return 'an';
  // An abbreviation is read letter by letter: an ATM, an FX rate, a USB stick.
  if (first.length > 1 && first === first.toUpperCase() && /^[A-Z]+$/.test(first))
    return /^[AEFHILMNORSX]/.test(first) ? 'an' : 'a';
  if (A_BEFORE.test(lower)) return 'a';
  return /^[aeiou]/.test(lower) ? 'an' : 'a';
}

/** Words of a category id that are abbreviations. */
const UPPER: ReadonlySet<string> = new Set(['atm']);

/** A category id as words: `phone-and-internet` → `phone and internet`, `atm-fees` → `ATM fees`. */
export function categoryName(category: string): string {
  return category
    .split('-')
    .filter((w) => w !== '')
    .map((w) => (UPPER.has(w) ? w.toUpperCase() : w))
    .join(' ');
}

/**
 * Built-in categories whose money out is not simply `<name> purchases`: a plural name
 * (`grocery purchases`, not `groceries purchases`), and money that goes out as bills,
 * payments, fees or costs (`rent payments`, `phone and internet bills`, `home costs`).
 * Each is a plural noun phrase, so a sentence says `are`.
 */
const NOUNS: Readonly<Record<string, string>> = {
  home: 'home costs',
  transport: 'transport costs',
  health: 'health costs',
  education: 'education costs',
  kids: 'purchases for the kids',
  cash: 'cash withdrawals',
  groceries: 'grocery purchases',
  'alcohol-and-bars': 'alcohol and bar purchases',
  rent: 'rent payments',
  mortgage: 'mortgage payments',
  utilities: 'utility bills',
  'phone-and-internet': 'phone and internet bills',
  'public-transit': 'public transit fares',
  rideshare: 'rideshare trips',
  'parking-and-tolls': 'parking and toll charges',
  'car-rental': 'car rentals',
  hobbies: 'hobby purchases',
  subscriptions: 'subscription charges',
  streaming: 'streaming charges',
  news: 'news subscriptions',
  memberships: 'membership charges',
  'movies-and-events': 'movie and event purchases',
  games: 'game purchases',
  flights: 'flight purchases',
  hotels: 'hotel stays',
  doctor: 'doctor bills',
  dental: 'dental bills',
  vision: 'vision care purchases',
  vet: 'vet bills',
  toiletries: 'toiletry purchases',
  insurance: 'insurance payments',
  'car-insurance': 'car insurance payments',
  'health-insurance': 'health insurance payments',
  'life-insurance': 'life insurance payments',
  'home-insurance': 'home insurance payments',
  childcare: 'childcare payments',
  'kids-activities': "kids' activity purchases",
  toys: 'toy purchases',
  pets: 'pet purchases',
  'pet-supplies': 'pet supply purchases',
  tuition: 'tuition payments',
  courses: 'course purchases',
  'school-supplies': 'school supply purchases',
  'gifts-and-donations': 'gifts and donations',
  gifts: 'gifts',
  charity: 'charity donations',
  taxes: 'tax payments',
  'income-tax': 'income tax payments',
  'property-tax': 'property tax payments',
  fees: 'fees',
  'bank-fees': 'bank fees',
  'atm-fees': 'ATM fees',
  'interest-charged': 'interest charges',
  debt: 'debt payments',
  'credit-card-payment': 'credit card payments',
  'loan-payment': 'loan payments',
};

/**
 * A category as a plural noun phrase for the money spent in it, where a sentence wants
 * a noun: `pharmacy` → `pharmacy purchases`, `food` → `food purchases`,
 * `phone-and-internet` → `phone and internet bills`, `health` → `health costs`, a
 * person's own `home-office` → `home office purchases`.
 */
export function categoryNoun(category: string): string {
  return NOUNS[category] ?? `${categoryName(category)} purchases`;
}

/** `$24.04 to $34.07`, or the one figure when both ends are the same. */
export function range(low: string, high: string): string {
  return low === high ? low : `${low} to ${high}`;
}

/** Items joined as a sentence lists them: `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
