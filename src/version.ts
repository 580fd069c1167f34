declare const __FINAGG_VERSION__: string | undefined;

/** Set by the bundler from package.json; tests running the sources read it the same way. */
export const VERSION: string = typeof __FINAGG_VERSION__ === 'string' ? __FINAGG_VERSION__ : '0.0.0-dev';
