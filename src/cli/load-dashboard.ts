/**
 * The dashboard's module (Ink, React, yoga), loaded once. `finagg dash` starts loading it
 * while the context opens, so reading its files overlaps with that work.
 */
let loading: Promise<typeof import('../dashboard/run-dashboard')> | undefined;

export function loadDashboard(): Promise<typeof import('../dashboard/run-dashboard')> {
  loading ??= withoutFetch(() => import('../dashboard/run-dashboard'));
  return loading;
}

/**
 * yoga-layout (Ink's layout engine) reads its WebAssembly from a data: URL with fetch()
 * when fetch exists, and the first fetch() loads Node's whole HTTP client: about 35 ms of
 * the 500 ms the first frame may take. Without fetch it decodes the same bytes directly.
 */
async function withoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!saved?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', saved);
  }
}
