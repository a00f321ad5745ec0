/**
 * Stored values <-> GraphQL enum values. The database keeps the model's kebab-case values
 * (`eu-institution`, `high`); the API shows SCREAMING_SNAKE_CASE (`EU_INSTITUTION`, `HIGH`).
 */

/** `eu-institution` -> `EU_INSTITUTION`. */
export function toEnumValue(stored: string): string {
  return stored.replace(/-/g, '_').toUpperCase();
}

/** `EU_INSTITUTION` -> `eu-institution`; sides stay upper case. */
export function fromEnumValue(value: string): string {
  return value.replace(/_/g, '-').toLowerCase();
}
