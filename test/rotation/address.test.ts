import { describe, expect, it } from 'vitest';
import { isAddress } from '../../rotation/address.js';

describe('the address rule (e-mail / UPN)', () => {
  it.each([
    'alice@contoso.com',
    'Alice.Archer@Contoso.com',
    'alice+oncall@contoso.onmicrosoft.com',
    'o\'brien@ex-ample.co.uk',
    'a@x.io',
  ])('accepts %s', (text) => expect(isAddress(text)).toBe(true));

  it.each([
    ['alice', 'no @'],
    ['alice@contoso', 'no dot in the domain'],
    ['@contoso.com', 'nothing before @'],
    ['alice@', 'nothing after @'],
    ['alice@@contoso.com', 'two @'],
    ['alice smith@contoso.com', 'a space'],
    ['Alice <alice@contoso.com>', 'a display name'],
    ['alice@contoso.com,bob@contoso.com', 'two addresses'],
    ['alice@contoso..com', 'an empty domain label'],
    ['alice@-contoso.com', 'a label starting with a dash'],
    ['alice@contoso.com.', 'a trailing dot'],
  ])('refuses %s (%s)', (text) => expect(isAddress(text)).toBe(false));
});
