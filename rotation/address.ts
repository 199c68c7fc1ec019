/**
 * What a person's address must look like, everywhere Rota reads one (rotation files, `setup`, the CLI): an e-mail
 * address or UPN, `name@domain.tld`. The domain needs a dot because Entra ID UPNs always carry a verified domain
 * (contoso.com, contoso.onmicrosoft.com), and because the chat finds addresses in free text by the same shape.
 * Teams compares addresses case-insensitively, so Rota keeps them in lower case.
 */
export const ADDRESS = /^[^\s@<>,;"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

/** The words every refusal of an address uses. */
export const ADDRESS_EXPECTED = 'expected an e-mail address or UPN such as alice@contoso.com';

export function isAddress(text: string): boolean {
  return ADDRESS.test(text);
}

/** The stored form of an address: trimmed, lower case. */
export function normaliseAddress(text: string): string {
  return text.trim().toLowerCase();
}
