/**
 * An OData string literal for a $filter: quoted, with a single quote inside doubled ("Use query parameters to
 * customize responses", Escaping single quotes: `subject eq 'let''s meet for lunch?'`). The caller percent-encodes
 * the whole $filter.
 */
export const odataString = (value: string): string => `'${value.replace(/'/g, "''")}'`;
