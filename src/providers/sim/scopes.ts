/** The scopes every simulated bank asks for at link time. */
export const SIM_SCOPES: readonly string[] = ['accounts:read', 'transactions:read'];
