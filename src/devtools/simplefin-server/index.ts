// The local SimpleFIN server, for tests: start it, hand its CA to the client, drive its state.
export { startSimpleFinServer, dailyLimitNotice } from './server';
export type { RequestRecord, SimpleFinServer, SimpleFinServerOptions } from './server';
export type { ErrorEntry, V1AccountSet, V2AccountSet } from './account-set';
export { rangeCappedNotice, startDateNeededNotice } from './account-set';
export type { NewTransaction, PostOptions } from './bank';
