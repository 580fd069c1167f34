/**
 * The card network's merchant category code (ISO 18245) as a finagg category, for the
 * codes whose meaning is one category without doubt. It is the provider's hint, the
 * lowest precedence there is: codes that cover unlike things (7399 business services,
 * 5999 miscellaneous retail, 5815-5818 digital goods) are left out rather than guessed.
 * Every value is a category name of core/categories/taxonomy.ts (a test checks it).
 */
const BY_CODE: Readonly<Record<string, string>> = {
  // food
  '5411': 'groceries',
  '5422': 'groceries',
  '5451': 'groceries',
  '5499': 'groceries',
  '5462': 'coffee',
  '5812': 'dining',
  '5814': 'dining',
  '5813': 'alcohol-and-bars',
  '5921': 'alcohol-and-bars',
  // transport
  '5541': 'gas',
  '5542': 'gas',
  '5552': 'gas',
  '4111': 'public-transit',
  '4112': 'public-transit',
  '4131': 'public-transit',
  '4121': 'rideshare',
  '4784': 'parking-and-tolls',
  '7523': 'parking-and-tolls',
  '5533': 'car-maintenance',
  '7538': 'car-maintenance',
  '7542': 'car-maintenance',
  // travel
  '4511': 'flights',
  '7011': 'hotels',
  '7512': 'car-rental',
  // home
  '4814': 'phone-and-internet',
  '4899': 'phone-and-internet',
  '4900': 'utilities',
  '5200': 'home-improvement',
  '5211': 'home-improvement',
  '5251': 'home-improvement',
  '5712': 'home-improvement',
  // shopping
  '5310': 'general-merchandise',
  '5311': 'general-merchandise',
  '5331': 'general-merchandise',
  '5611': 'clothing',
  '5621': 'clothing',
  '5651': 'clothing',
  '5661': 'clothing',
  '5691': 'clothing',
  '5732': 'electronics',
  '5941': 'hobbies',
  '5942': 'hobbies',
  // health and care
  '5912': 'pharmacy',
  '8011': 'doctor',
  '8062': 'doctor',
  '8021': 'dental',
  '8042': 'vision',
  '8043': 'vision',
  '7230': 'hair-and-beauty',
  '5977': 'hair-and-beauty',
  '7210': 'laundry',
  '7211': 'laundry',
  '7216': 'laundry',
  // the rest
  '7832': 'movies-and-events',
  '7922': 'movies-and-events',
  '5995': 'pet-supplies',
  '0742': 'vet',
  '8211': 'tuition',
  '8220': 'tuition',
  '5992': 'gifts',
  '8398': 'charity',
  '6010': 'cash',
  '6011': 'cash',
  '9311': 'taxes',
};

/** Blocks of codes that each name one airline, car rental firm or hotel chain. */
const RANGES: ReadonlyArray<readonly [from: number, to: number, category: string]> = [
  [3000, 3350, 'flights'],
  [3351, 3500, 'car-rental'],
  [3501, 3999, 'hotels'],
];

/** The category of a merchant category code; null for anything but four digits that map clearly. */
export function categoryOfMcc(code: unknown): string | null {
  if (typeof code !== 'string' || !/^\d{4}$/.test(code)) return null;
  const direct = Object.hasOwn(BY_CODE, code) ? BY_CODE[code] : undefined;
  if (direct !== undefined) return direct;
  const n = Number(code);
  for (const [from, to, category] of RANGES) if (n >= from && n <= to) return category;
  return null;
}

/** Every category this table can give (for the test that they all exist). */
export const MCC_CATEGORIES: ReadonlySet<string> = new Set([...Object.values(BY_CODE), ...RANGES.map((r) => r[2])]);
