/**
 * The built-in categories, in two levels: a top-level category a budget can be set on
 * (`food`) and the detailed ones under it (`groceries`, `dining`, `coffee`). A row may
 * carry either level: the categorizer says `food` when it knows only that much. Each has
 * one line on what belongs in it, which `finagg categories` shows.
 *
 * Names are lower case words joined by hyphens (`home-improvement`), so they need no
 * quotes in a shell; `tx --category "home improvement"` is read as the same name.
 */
export interface CategoryDefinition {
  name: string;
  /** What belongs in it, in one line. */
  holds: string;
  children?: readonly Omit<CategoryDefinition, 'children'>[];
}

export const TAXONOMY: readonly CategoryDefinition[] = [
  {
    name: 'income',
    holds: 'money earned or received that is not a refund or a move between own accounts',
    children: [
      { name: 'paycheck', holds: 'wages and salary from an employer, and payroll services' },
      { name: 'interest', holds: 'interest and dividends earned on savings and investments' },
      { name: 'benefits', holds: 'pensions, social security, child benefit, unemployment and other public payments' },
      { name: 'tax-refund', holds: 'money back from a tax authority' },
    ],
  },
  {
    name: 'food',
    holds: 'food and drink',
    children: [
      { name: 'groceries', holds: 'supermarkets, grocers, markets and grocery delivery' },
      { name: 'dining', holds: 'restaurants, fast food, takeaway and meal delivery' },
      { name: 'coffee', holds: 'coffee shops, cafés and bakeries' },
      { name: 'alcohol-and-bars', holds: 'pubs, bars and liquor stores' },
    ],
  },
  {
    name: 'home',
    holds: 'the place the household lives in and what keeps it running',
    children: [
      { name: 'rent', holds: 'rent to a landlord or a letting agent' },
      { name: 'mortgage', holds: 'mortgage payments' },
      { name: 'utilities', holds: 'electricity, gas for heating, water, waste and council services' },
      { name: 'phone-and-internet', holds: 'mobile, broadband, landline and TV packages' },
      { name: 'home-improvement', holds: 'hardware, DIY, furniture, repairs and garden' },
    ],
  },
  {
    name: 'transport',
    holds: 'getting around',
    children: [
      { name: 'gas', holds: 'fuel at a station and charging an electric car' },
      { name: 'public-transit', holds: 'trains, buses, trams, metro, ferries and transit cards' },
      { name: 'rideshare', holds: 'Uber, Lyft, taxis and scooters' },
      { name: 'parking-and-tolls', holds: 'parking, road tolls and congestion charges' },
      { name: 'car-maintenance', holds: 'repairs, servicing, tyres, car washes and parts' },
      { name: 'car-insurance', holds: 'insurance of a car or motorbike' },
    ],
  },
  {
    name: 'shopping',
    holds: 'things bought for the household that no other category names',
    children: [
      { name: 'clothing', holds: 'clothes, shoes and accessories' },
      { name: 'electronics', holds: 'computers, phones, devices and electronics stores' },
      { name: 'general-merchandise', holds: 'department stores, discount stores and online marketplaces' },
      { name: 'hobbies', holds: 'books, crafts, music, sporting goods and outdoor gear' },
    ],
  },
  {
    name: 'subscriptions',
    holds: 'charges that renew by themselves',
    children: [
      { name: 'streaming', holds: 'video and music streaming' },
      { name: 'software', holds: 'apps, cloud storage and software' },
      { name: 'news', holds: 'newspapers, magazines and newsletters' },
      { name: 'memberships', holds: 'shopping and club memberships such as Prime or a warehouse card' },
    ],
  },
  {
    name: 'entertainment',
    holds: 'going out and having fun',
    children: [
      { name: 'movies-and-events', holds: 'cinemas, concerts, theatre, sports tickets and museums' },
      { name: 'games', holds: 'video games and gaming platforms' },
      { name: 'recreation', holds: 'bowling, golf, climbing, amusement parks and activities' },
    ],
  },
  {
    name: 'travel',
    holds: 'trips away from home',
    children: [
      { name: 'flights', holds: 'airlines and airfare' },
      { name: 'hotels', holds: 'hotels, hostels and holiday rentals' },
      { name: 'car-rental', holds: 'renting a car on a trip' },
    ],
  },
  {
    name: 'health',
    holds: 'looking after body and mind',
    children: [
      { name: 'doctor', holds: 'doctors, hospitals, clinics, labs and therapists' },
      { name: 'pharmacy', holds: 'pharmacies and chemists' },
      { name: 'dental', holds: 'dentists and orthodontists' },
      { name: 'vision', holds: 'opticians, glasses and contact lenses' },
      { name: 'fitness', holds: 'gyms, studios and sports clubs' },
    ],
  },
  {
    name: 'personal-care',
    holds: 'looking after appearance and the everyday body',
    children: [
      { name: 'hair-and-beauty', holds: 'hairdressers, barbers, nails and cosmetics' },
      { name: 'toiletries', holds: 'drugstores that sell toiletries and household basics' },
      { name: 'laundry', holds: 'laundromats and dry cleaning' },
    ],
  },
  {
    name: 'insurance',
    holds: 'insurance other than of a car',
    children: [
      { name: 'health-insurance', holds: 'health and dental cover' },
      { name: 'life-insurance', holds: 'life and income protection cover' },
      { name: 'home-insurance', holds: 'home, renters and contents cover' },
    ],
  },
  {
    name: 'kids',
    holds: 'what the children need',
    children: [
      { name: 'childcare', holds: 'daycare, nurseries, nannies and after-school care' },
      { name: 'kids-activities', holds: 'lessons, camps and clubs for children' },
      { name: 'toys', holds: 'toy shops and children’s clothes' },
    ],
  },
  {
    name: 'pets',
    holds: 'animals of the household',
    children: [
      { name: 'pet-supplies', holds: 'pet food, pet shops and grooming' },
      { name: 'vet', holds: 'veterinary care and pet insurance' },
    ],
  },
  {
    name: 'education',
    holds: 'learning',
    children: [
      { name: 'tuition', holds: 'school, college and university fees' },
      { name: 'courses', holds: 'lessons and online courses for adults' },
      { name: 'school-supplies', holds: 'textbooks, stationery and school uniforms' },
    ],
  },
  {
    name: 'gifts-and-donations',
    holds: 'money given away',
    children: [
      { name: 'gifts', holds: 'presents, flowers and gift cards' },
      { name: 'charity', holds: 'donations to charities, churches and causes' },
    ],
  },
  {
    name: 'taxes',
    holds: 'payments to a tax authority',
    children: [
      { name: 'income-tax', holds: 'income tax paid directly, estimated payments' },
      { name: 'property-tax', holds: 'property and council tax on a home' },
    ],
  },
  {
    name: 'fees',
    holds: 'what banks and lenders charge',
    children: [
      { name: 'bank-fees', holds: 'account, overdraft, wire and foreign transaction fees' },
      { name: 'atm-fees', holds: 'fees for taking out cash' },
      { name: 'interest-charged', holds: 'interest on cards, overdrafts and loans' },
    ],
  },
  { name: 'cash', holds: 'cash taken out at an ATM or a counter: spent where finagg cannot see' },
  { name: 'p2p', holds: 'money sent to or received from other people (Zelle, Venmo, PayPal friends)' },
  {
    name: 'debt',
    holds: 'paying down cards and loans finagg does not see',
    children: [
      { name: 'credit-card-payment', holds: 'a payment to a card held elsewhere' },
      { name: 'loan-payment', holds: 'car, student and personal loan payments' },
    ],
  },
  { name: 'transfer', holds: 'money moved between the person’s own accounts' },
  { name: 'uncategorized', holds: 'nothing said yet what it is' },
];

const TOP_OF: ReadonlyMap<string, string> = new Map(
  TAXONOMY.flatMap((t) => [[t.name, t.name] as const, ...(t.children ?? []).map((c) => [c.name, t.name] as const)]),
);

/** The top-level category a built-in one sits under (itself at the top); undefined for a person's own. */
export const builtinTopOf = (category: string): string | undefined => TOP_OF.get(category);
