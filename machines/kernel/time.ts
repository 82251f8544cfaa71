/** A local date in Europe/Stockholm, `YYYY-MM-DD` (D13): every legal date is one. */
export type LocalDate = string;
/** An instant in ISO 8601 with an explicit offset (`Z` or `±hh:mm`), stored in UTC (D13). */
export type Instant = string;
