/**
 * Hot-path shortcuts answer exactly as the general code they stand in for: `isIp` against
 * ipaddr.js, `compareVariableNames` against `localeCompare` (ICU).
 */
import fc from 'fast-check';
import * as ipaddr from 'ipaddr.js';
import { isIp } from '../../lib/config/schema-common';
import { compareVariableNames, secretVariable } from '../../lib/config/secrets';

/** What isIp answered before its fast path (ipaddr.js only). */
const reference = (v: string) => ipaddr.isValid(v) && (ipaddr.IPv4.isValidFourPartDecimal(v) || ipaddr.IPv6.isValid(v));
const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);

describe('isIp', () => {
  test.each([
    ['10.0.0.1', true],
    ['0.0.0.0', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['10.0.0.01', false],
    ['010.0.0.1', false],
    ['10.0.1', false],
    ['167772161', false],
    ['0x0a.0.0.1', false],
    ['10.0.0.1 ', false],
    ['10.0.0.1\n', false],
    ['1.2.3.99999999999999999999', false],
    ['node-1', false],
    ['::1', true],
    ['fe80::1%eth0', true],
    ['::ffff:10.0.0.1', true],
    ['', false],
  ])('%j → %s, as ipaddr.js', (value, expected) => {
    expect(isIp(value)).toBe(expected);
    expect(reference(value)).toBe(expected);
  });

  test('property: same answer as ipaddr.js on address-like strings', () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.stringMatching(/^0[0-9]{1,3}$/), fc.stringMatching(/^0x[0-9a-f]{1,2}$/), fc.constantFrom('', '1e2', ' 1', '-1'));
    const quad = fc.array(part, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.'));
    const noise = fc.string({ unit: fc.constantFrom(...'0123456789.:abcdefx%/ '.split('')), maxLength: 20 });
    let runs = 0;
    fc.assert(
      fc.property(fc.oneof(quad, noise), (value) => {
        runs++;
        expect(isIp(value)).toBe(reference(value));
      }),
      { numRuns: 3000 },
    );
    expect(runs).toBe(3000);
  });
});

describe('compareVariableNames', () => {
  test('orders as localeCompare, where `_` sorts before digits and letters (not as in ASCII)', () => {
    const names = ['MKE_AB', 'MKE_A_B', 'MKE_A1', 'MKE_1', 'MKE_A', 'MKE_VRRP_INSTANCES_10_AUTH_PASS', 'MKE_VRRP_INSTANCES_1_AUTH_PASS'];
    const expected = [...names].sort((a, b) => a.localeCompare(b));
    expect([...names].sort(compareVariableNames)).toEqual(expected);
    expect(expected.indexOf('MKE_A_B')).toBeLessThan(expected.indexOf('MKE_AB'));
  });

  test('property: same sign as localeCompare, for generated variable names and any other names', () => {
    const generated = fc.array(fc.oneof(fc.stringMatching(/^[a-zA-Z]{1,8}$/), fc.nat(12)), { minLength: 1, maxLength: 4 }).map((path) => secretVariable(path));
    const name = fc.oneof(generated, fc.string({ unit: fc.constantFrom(...'AZ09_'.split('')), maxLength: 6 }), fc.string({ maxLength: 6 }));
    let runs = 0;
    fc.assert(
      fc.property(name, name, (a, b) => {
        runs++;
        expect(sign(compareVariableNames(a, b))).toBe(sign(a.localeCompare(b)));
      }),
      { numRuns: 3000 },
    );
    expect(runs).toBe(3000);
  });
});
