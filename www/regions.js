// The regions the page offers and the STS origins it may connect to, both from the wasm: the core carries
// AWS's partition data and the STS endpoint rules (vendor/, src/endpoint.rs), so the page keeps no copy.
// The origins are also the Content-Security-Policy's connect-src (csp-lock.js), so a region the data has
// is reachable and nothing else under AWS's domains is (no S3 bucket or API Gateway an injected script
// could post secrets to).

import './signer.js'; // first: the main wasm's fetch starts now, beside the one below
import init, { regions, resolveEndpoint } from './pkg/assume_role_extras.js';
import { extrasSource } from './wasm-integrity.js';

// The second wasm (the facts, export lines, err.fix, token and SAML decoding: src/wasm/mod.rs) is the one
// the form needs to be drawn; app.js loads the main one (the calls). Loaded once here, before csp-lock.js
// narrows connect-src: same-origin fetches stay allowed either way. In dist/ the fetch is SRI-checked
// (wasm-integrity.js): a changed wasm stops the page here.
await init(extrasSource());

const PARTITION_NAMES = {
  aws: '',
  'aws-cn': 'China',
  'aws-us-gov': 'GovCloud',
  'aws-eusc': 'European Sovereign Cloud',
  'aws-iso': 'ISO',
  'aws-iso-b': 'ISO-B',
  'aws-iso-e': 'ISO-E',
  'aws-iso-f': 'ISO-F',
};

/** `{ id, name, partition }` for every region of AWS's partition data, less the `*-global` pseudo-regions
 * (`aws-global` stays: it is how one asks for the global endpoint). */
export const REGIONS = Object.freeze(
  regions().flatMap((p) =>
    p.regions
      .filter((r) => !r.id.endsWith('-global') || r.id === 'aws-global')
      .map((r) => Object.freeze({ id: r.id, name: r.name || r.id, partition: p.id, partitionName: PARTITION_NAMES[p.id] ?? p.id })),
  ),
);

export const DEFAULT_REGION = 'us-east-1';

export function findRegion(id) {
  return REGIONS.find((r) => r.id === id);
}

/** The STS host for a region, as the core resolves it. */
export function stsHost(region, fips = false) {
  return new URL(resolveEndpoint({ region: region.id, useFips: (fips && region.id !== 'aws-global') || undefined }).url).host;
}

/** GovCloud's regular STS hosts are FIPS validated already: the FIPS host is the same. */
export const fipsIsDefault = (region) => stsHost(region, true) === stsHost(region, false);

/** Every https origin the region list can reach (regional and FIPS; `aws-global` is the global endpoint). */
export function stsOrigins() {
  const hosts = new Set();
  for (const r of REGIONS) {
    hosts.add(stsHost(r, false));
    if (r.id !== 'aws-global') hosts.add(stsHost(r, true));
  }
  return [...hosts].map((h) => `https://${h}`);
}
