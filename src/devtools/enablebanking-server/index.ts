// The local Enable Banking server, for tests: start it, hand its CA to the client, sign JWTs
// with its application's key, drive its state.
export { startEnableBankingServer, defaultRedirectUrl, applicationName } from './server';
export type { EnableBankingServer, EnableBankingServerOptions, RequestRecord, SessionInfo } from './server';
export { adminActions } from './admin';
export type { AccountTarget, EnableBankingControls, SessionTarget } from './admin';
export type { GivenApplication } from './application';
export { testBankName, testBankCountry } from './aspsps';
export type { BookedPending, BookPendingOptions, NewPending, Renumbered } from './bank';
export type { ErrorCode, ErrorResponse } from './errors';
