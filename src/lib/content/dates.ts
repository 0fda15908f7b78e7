/**
 * Frontmatter dates are calendar days at UTC midnight: they are formatted in UTC so no reader sees
 * the day before. One formatter serves every page of a build: a 1000-article build shows about
 * 6,000 article dates in its lists, and a new formatter for each took about 0.5 s of it.
 */
const LONG_UTC = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

/** "March 3, 2025" for the calendar day of `date` in UTC. */
export const longUtcDate = (date: Date): string => LONG_UTC.format(date);

/** The year the site footer's copyright line shows: the year the page was built. */
export const copyrightYear = (): number => new Date().getFullYear();
