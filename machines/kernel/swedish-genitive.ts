/**
 * The Swedish genitive of a name, a number or an abbreviation, written one way everywhere (messages, pages, the
 * protokollsutdrag, invoices): a colon before the s after a digit or an abbreviation in capitals ("1492:s", "KDG:s",
 * Språkrådet), no further s after s, x or z ("Bengtsfors"), else an s ("Dals-Eds",
 * "Melleruds", "Dalslandssamverkans").
 */
export function genitiveSv(name: string): string {
  if (/[0-9]$/.test(name) || /^[A-ZÅÄÖ]{2,}$/.test(name)) return `${name}:s`;
  if (/[sxz]$/i.test(name)) return name;
  return `${name}s`;
}
