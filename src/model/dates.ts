/**
 * Dates of the model: ISO 8601 strings at the precision the source gives (YYYY, YYYY-MM, YYYY-MM-DD).
 * Stored as strings, they sort and compare correctly as text.
 */

/** True for YYYY, YYYY-MM or YYYY-MM-DD with a real month and day. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  if (Number(month) < 1 || Number(month) > 12) return false;
  if (day === undefined) return true;
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))).getUTCDate() === Number(day);
}
