// The regions the page offers, and the STS origins the page may connect to.
// The list is also the source of the Content-Security-Policy's connect-src (csp-lock.js), so a
// region added here is reachable and nothing else under amazonaws.com is (no S3 bucket or API
// Gateway an injected script could post secrets to).

// [id, name, FIPS endpoint exists]. STS has sts-fips hosts in the US and Canada regions; GovCloud's
// regular endpoints are FIPS 140 validated already (the crate's src/endpoint.rs follows the same rules).
const AWS = [
  ['us-east-1', 'US East (N. Virginia)', true],
  ['us-east-2', 'US East (Ohio)', true],
  ['us-west-1', 'US West (N. California)', true],
  ['us-west-2', 'US West (Oregon)', true],
  ['af-south-1', 'Africa (Cape Town)'],
  ['ap-east-1', 'Asia Pacific (Hong Kong)'],
  ['ap-east-2', 'Asia Pacific (Taipei)'],
  ['ap-south-1', 'Asia Pacific (Mumbai)'],
  ['ap-south-2', 'Asia Pacific (Hyderabad)'],
  ['ap-southeast-1', 'Asia Pacific (Singapore)'],
  ['ap-southeast-2', 'Asia Pacific (Sydney)'],
  ['ap-southeast-3', 'Asia Pacific (Jakarta)'],
  ['ap-southeast-4', 'Asia Pacific (Melbourne)'],
  ['ap-southeast-5', 'Asia Pacific (Malaysia)'],
  ['ap-southeast-6', 'Asia Pacific (New Zealand)'],
  ['ap-southeast-7', 'Asia Pacific (Thailand)'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)'],
  ['ap-northeast-2', 'Asia Pacific (Seoul)'],
  ['ap-northeast-3', 'Asia Pacific (Osaka)'],
  ['ca-central-1', 'Canada (Central)', true],
  ['ca-west-1', 'Canada West (Calgary)', true],
  ['eu-central-1', 'Europe (Frankfurt)'],
  ['eu-central-2', 'Europe (Zurich)'],
  ['eu-west-1', 'Europe (Ireland)'],
  ['eu-west-2', 'Europe (London)'],
  ['eu-west-3', 'Europe (Paris)'],
  ['eu-south-1', 'Europe (Milan)'],
  ['eu-south-2', 'Europe (Spain)'],
  ['eu-north-1', 'Europe (Stockholm)'],
  ['il-central-1', 'Israel (Tel Aviv)'],
  ['me-south-1', 'Middle East (Bahrain)'],
  ['me-central-1', 'Middle East (UAE)'],
  ['mx-central-1', 'Mexico (Central)'],
  ['sa-east-1', 'South America (São Paulo)'],
];
const CN = [
  ['cn-north-1', 'China (Beijing)'],
  ['cn-northwest-1', 'China (Ningxia)'],
];
const GOV = [
  ['us-gov-west-1', 'AWS GovCloud (US-West)', true],
  ['us-gov-east-1', 'AWS GovCloud (US-East)', true],
];

const tag = (partition) => ([id, name, fips = false]) => ({ id, name, partition, fips });

export const REGIONS = Object.freeze([
  ...AWS.map(tag('aws')),
  ...CN.map(tag('aws-cn')),
  ...GOV.map(tag('aws-us-gov')),
]);

export const DEFAULT_REGION = 'us-east-1';

export function findRegion(id) {
  return REGIONS.find((r) => r.id === id);
}

/** The STS host for a region, mirroring the crate's endpoint rules (docs/CONTRACT.md). */
export function stsHost(region, fips = false) {
  const suffix = region.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const fipsHost = fips && region.partition === 'aws'; // GovCloud: the one host is already FIPS
  return `${fipsHost ? 'sts-fips' : 'sts'}.${region.id}.${suffix}`;
}

/** Every https origin the region list can reach (regional, FIPS, and the global endpoint). */
export function stsOrigins() {
  const hosts = new Set(['sts.amazonaws.com']);
  for (const r of REGIONS) {
    hosts.add(stsHost(r, false));
    if (r.fips) hosts.add(stsHost(r, true));
  }
  return [...hosts].map((h) => `https://${h}`);
}
