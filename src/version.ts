/** The product's version, as in package.json (a test keeps the two equal); the fetcher's User-Agent carries it. */
export const PRODUCT_VERSION = '0.1.0';
