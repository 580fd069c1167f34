import type { MerchantSpec, SimCategory } from './merchants';

/**
 * Shops a customer has never paid, for planted `new_merchant` anomalies: a place name and
 * a kind of shop, 20 x 20 = 400 names per region that no everyday payee list holds. None
 * is income or a transfer, and their prices are ordinary for their kind, so a first visit
 * is new without also being unusually large.
 */
interface Kind {
  us: string;
  eu: string;
  category: SimCategory;
  min: number;
  max: number;
}

const KINDS: readonly Kind[] = [
  { us: 'Books', eu: 'Buchhandlung', category: 'shopping', min: 1200, max: 6000 },
  { us: 'Hardware', eu: 'Eisenwaren', category: 'shopping', min: 1500, max: 9000 },
  { us: 'Bakery', eu: 'Baeckerei', category: 'dining', min: 600, max: 2500 },
  { us: 'Florist', eu: 'Blumen', category: 'shopping', min: 2500, max: 7000 },
  { us: 'Pet Supply', eu: 'Zoobedarf', category: 'shopping', min: 1500, max: 6000 },
  { us: 'Bistro', eu: 'Bistro', category: 'dining', min: 2500, max: 6000 },
  { us: 'Cinema', eu: 'Kino', category: 'entertainment', min: 1200, max: 3500 },
  { us: 'Pharmacy', eu: 'Apotheke', category: 'health', min: 800, max: 3500 },
  { us: 'Bike Shop', eu: 'Fahrradladen', category: 'shopping', min: 2000, max: 9000 },
  { us: 'Car Wash', eu: 'Waschstrasse', category: 'transport', min: 1200, max: 3000 },
  { us: 'Tea House', eu: 'Teehaus', category: 'dining', min: 500, max: 2000 },
  { us: 'Outfitters', eu: 'Outdoor', category: 'shopping', min: 3000, max: 9000 },
  { us: 'Records', eu: 'Schallplatten', category: 'shopping', min: 1500, max: 5000 },
  { us: 'Game Store', eu: 'Spielwaren', category: 'shopping', min: 1500, max: 6000 },
  { us: 'Optical', eu: 'Optik', category: 'health', min: 2000, max: 6000 },
  { us: 'Garden Center', eu: 'Gartencenter', category: 'shopping', min: 1500, max: 7000 },
  { us: 'Deli', eu: 'Feinkost', category: 'dining', min: 800, max: 2500 },
  { us: 'Toy Shop', eu: 'Spielzeug', category: 'shopping', min: 1500, max: 5000 },
  { us: 'Climbing', eu: 'Kletterhalle', category: 'entertainment', min: 1500, max: 3000 },
  { us: 'Tailor', eu: 'Schneiderei', category: 'shopping', min: 2000, max: 6000 },
];

const US_PLACES = [
  'Maple',
  'Harbor',
  'Cedar',
  'Juniper',
  'Willow',
  'Granite',
  'Copper',
  'Lantern',
  'Meadow',
  'Quarry',
  'Birch',
  'Falcon',
  'Orchard',
  'Riverbend',
  'Hillside',
  'Bluebird',
  'Redwood',
  'Sparrow',
  'Ironwood',
  'Foxglove',
] as const;

const EU_PLACES = [
  'Lindenhof',
  'Am Anger',
  'Rosengarten',
  'Eichbaum',
  'Sonnenhof',
  'Kastanie',
  'Brunnen',
  'Am Hafen',
  'Muehle',
  'Birke',
  'Falke',
  'Wiese',
  'Tanne',
  'Kranich',
  'Ahorn',
  'Elster',
  'Fuchsbau',
  'Holunder',
  'Kiefer',
  'Lerche',
] as const;

export const NEW_MERCHANT_POOL_SIZE = KINDS.length * US_PLACES.length;

/**
 * The `index`-th shop of the pool (taken modulo its size), with its statement text for the
 * customer's city. Distinct indexes below the pool size give distinct names.
 */
export function newMerchant(index: number, region: 'us' | 'eu', city: string): { spec: MerchantSpec; text: string } {
  const i = ((index % NEW_MERCHANT_POOL_SIZE) + NEW_MERCHANT_POOL_SIZE) % NEW_MERCHANT_POOL_SIZE;
  const kind = KINDS[i % KINDS.length] as Kind;
  const name =
    region === 'us'
      ? `${US_PLACES[Math.floor(i / KINDS.length)]} ${kind.us}`
      : `${kind.eu} ${EU_PLACES[Math.floor(i / KINDS.length)]}`;
  const upper = name.toUpperCase();
  // Small shops take cards through a processor half the time, as real statements show.
  const text = region === 'us' ? (i % 2 === 0 ? `SQ *${upper} ${city}` : `${upper} ${city}`) : `${upper}//${city}/DE`;
  const spec: MerchantSpec = {
    name,
    legal: name,
    category: kind.category,
    template: text,
    min: kind.min,
    max: kind.max,
    step: 1,
    weight: 0,
    channel: 'card',
    credit: false,
    tip: false,
  };
  return { spec, text };
}
