import type { Migration } from '../migrator';

/**
 * The built-in categories in two levels (core/categories/taxonomy.ts, as it stood when
 * this migration was written: a later change of the taxonomy needs a migration of its
 * own). `categories` gains `parent` (null for a top-level category; a person's own
 * category may sit under a top-level one) and `holds` (what belongs in it). A person's
 * category that has a built-in's name becomes that built-in, rows and all.
 *
 * `housing` becomes `home`, with its rows, rules and budget (a `home` budget of the
 * person's own keeps its place: then `housing` stays, as their category under `home`).
 */
export const categoryTree: Migration = {
  version: 11,
  name: 'categories in two levels',
  sql: `
ALTER TABLE categories ADD COLUMN parent TEXT;
ALTER TABLE categories ADD COLUMN holds TEXT;
INSERT INTO categories (name, builtin, created_at, parent, holds)
SELECT column1, 1, '1970-01-01T00:00:00.000Z', column2, column3 FROM (VALUES
  ('income', NULL, 'money earned or received that is not a refund or a move between own accounts'),
  ('paycheck', 'income', 'wages and salary from an employer, and payroll services'),
  ('interest', 'income', 'interest and dividends earned on savings and investments'),
  ('benefits', 'income', 'pensions, social security, child benefit, unemployment and other public payments'),
  ('tax-refund', 'income', 'money back from a tax authority'),
  ('food', NULL, 'food and drink'),
  ('groceries', 'food', 'supermarkets, grocers, markets and grocery delivery'),
  ('dining', 'food', 'restaurants, fast food, takeaway and meal delivery'),
  ('coffee', 'food', 'coffee shops, cafés and bakeries'),
  ('alcohol-and-bars', 'food', 'pubs, bars and liquor stores'),
  ('home', NULL, 'the place the household lives in and what keeps it running'),
  ('rent', 'home', 'rent to a landlord or a letting agent'),
  ('mortgage', 'home', 'mortgage payments'),
  ('utilities', 'home', 'electricity, gas for heating, water, waste and council services'),
  ('phone-and-internet', 'home', 'mobile, broadband, landline and TV packages'),
  ('home-improvement', 'home', 'hardware, DIY, furniture, repairs and garden'),
  ('transport', NULL, 'getting around'),
  ('gas', 'transport', 'fuel at a station and charging an electric car'),
  ('public-transit', 'transport', 'trains, buses, trams, metro, ferries and transit cards'),
  ('rideshare', 'transport', 'Uber, Lyft, taxis and scooters'),
  ('parking-and-tolls', 'transport', 'parking, road tolls and congestion charges'),
  ('car-maintenance', 'transport', 'repairs, servicing, tyres, car washes and parts'),
  ('car-insurance', 'transport', 'insurance of a car or motorbike'),
  ('shopping', NULL, 'things bought for the household that no other category names'),
  ('clothing', 'shopping', 'clothes, shoes and accessories'),
  ('electronics', 'shopping', 'computers, phones, devices and electronics stores'),
  ('general-merchandise', 'shopping', 'department stores, discount stores and online marketplaces'),
  ('hobbies', 'shopping', 'books, crafts, music, sporting goods and outdoor gear'),
  ('subscriptions', NULL, 'charges that renew by themselves'),
  ('streaming', 'subscriptions', 'video and music streaming'),
  ('software', 'subscriptions', 'apps, cloud storage and software'),
  ('news', 'subscriptions', 'newspapers, magazines and newsletters'),
  ('memberships', 'subscriptions', 'shopping and club memberships such as Prime or a warehouse card'),
  ('entertainment', NULL, 'going out and having fun'),
  ('movies-and-events', 'entertainment', 'cinemas, concerts, theatre, sports tickets and museums'),
  ('games', 'entertainment', 'video games and gaming platforms'),
  ('recreation', 'entertainment', 'bowling, golf, climbing, amusement parks and activities'),
  ('travel', NULL, 'trips away from home'),
  ('flights', 'travel', 'airlines and airfare'),
  ('hotels', 'travel', 'hotels, hostels and holiday rentals'),
  ('car-rental', 'travel', 'renting a car on a trip'),
  ('health', NULL, 'looking after body and mind'),
  ('doctor', 'health', 'doctors, hospitals, clinics, labs and therapists'),
  ('pharmacy', 'health', 'pharmacies and chemists'),
  ('dental', 'health', 'dentists and orthodontists'),
  ('vision', 'health', 'opticians, glasses and contact lenses'),
  ('fitness', 'health', 'gyms, studios and sports clubs'),
  ('personal-care', NULL, 'looking after appearance and the everyday body'),
  ('hair-and-beauty', 'personal-care', 'hairdressers, barbers, nails and cosmetics'),
  ('toiletries', 'personal-care', 'drugstores that sell toiletries and household basics'),
  ('laundry', 'personal-care', 'laundromats and dry cleaning'),
  ('insurance', NULL, 'insurance other than of a car'),
  ('health-insurance', 'insurance', 'health and dental cover'),
  ('life-insurance', 'insurance', 'life and income protection cover'),
  ('home-insurance', 'insurance', 'home, renters and contents cover'),
  ('kids', NULL, 'what the children need'),
  ('childcare', 'kids', 'daycare, nurseries, nannies and after-school care'),
  ('kids-activities', 'kids', 'lessons, camps and clubs for children'),
  ('toys', 'kids', 'toy shops and children’s clothes'),
  ('pets', NULL, 'animals of the household'),
  ('pet-supplies', 'pets', 'pet food, pet shops and grooming'),
  ('vet', 'pets', 'veterinary care and pet insurance'),
  ('education', NULL, 'learning'),
  ('tuition', 'education', 'school, college and university fees'),
  ('courses', 'education', 'lessons and online courses for adults'),
  ('school-supplies', 'education', 'textbooks, stationery and school uniforms'),
  ('gifts-and-donations', NULL, 'money given away'),
  ('gifts', 'gifts-and-donations', 'presents, flowers and gift cards'),
  ('charity', 'gifts-and-donations', 'donations to charities, churches and causes'),
  ('taxes', NULL, 'payments to a tax authority'),
  ('income-tax', 'taxes', 'income tax paid directly, estimated payments'),
  ('property-tax', 'taxes', 'property and council tax on a home'),
  ('fees', NULL, 'what banks and lenders charge'),
  ('bank-fees', 'fees', 'account, overdraft, wire and foreign transaction fees'),
  ('atm-fees', 'fees', 'fees for taking out cash'),
  ('interest-charged', 'fees', 'interest on cards, overdrafts and loans'),
  ('cash', NULL, 'cash taken out at an ATM or a counter: spent where finagg cannot see'),
  ('p2p', NULL, 'money sent to or received from other people (Zelle, Venmo, PayPal friends)'),
  ('debt', NULL, 'paying down cards and loans finagg does not see'),
  ('credit-card-payment', 'debt', 'a payment to a card held elsewhere'),
  ('loan-payment', 'debt', 'car, student and personal loan payments'),
  ('transfer', NULL, 'money moved between the person’s own accounts'),
  ('uncategorized', NULL, 'nothing said yet what it is')
) WHERE true
ON CONFLICT (name) DO UPDATE SET builtin = 1, parent = excluded.parent, holds = excluded.holds;
UPDATE transactions SET category = 'home' WHERE category = 'housing';
UPDATE rules SET category = 'home' WHERE category = 'housing';
UPDATE OR IGNORE budgets SET category = 'home' WHERE category = 'housing';
UPDATE categories SET builtin = 0, parent = 'home', holds = NULL
  WHERE name = 'housing' AND EXISTS (SELECT 1 FROM budgets WHERE category = 'housing');
DELETE FROM categories WHERE name = 'housing' AND builtin = 1;
CREATE INDEX categories_parent ON categories (parent);
`,
};
