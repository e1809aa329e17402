/** "18 November 2026": dates are days, so they are formatted in UTC to never shift by a zone. */
export function formatDate(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function minutes(readingTime: number): string {
  return `${readingTime} min read`;
}
