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

/**
 * Each day formatted once per thread: a page shows the dates of its neighbours and related
 * essays, and the lists show every essay's, so a build asks for the same days again and again.
 * Formatting them anew took 24 and 42 ms of the two page workers' time at 1000 essays.
 */
function remembered(format: Intl.DateTimeFormat): (day: string) => string {
  const known = new Map<string, string>();
  return (day) => {
    let text = known.get(day);
    if (text === undefined) {
      text = format.format(utc(day));
      known.set(day, text);
    }
    return text;
  };
}

/** "18 November 2026". */
export const formatDate = remembered(long);

/** "18 Nov", for lists already grouped by year. */
export const formatDayMonth = remembered(dayMonth);

export function minutes(readingTime: number): string {
  return `${readingTime} min read`;
}
