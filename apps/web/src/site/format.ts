// Dates are days, so they are formatted in UTC and never shift by a zone. The formatters are
// built once: constructing one per call costs more than the formatting itself.
const long = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dayMonth = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** "18 November 2026". */
export function formatDate(day: string): string {
  return long.format(utc(day));
}

/** "18 Nov", for lists already grouped by year. */
export function formatDayMonth(day: string): string {
  return dayMonth.format(utc(day));
}

export function minutes(readingTime: number): string {
  return `${readingTime} min read`;
}
