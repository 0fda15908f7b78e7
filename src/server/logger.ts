/**
 * A minimal structured logger: one line per event with a short message and a few fields. It knows
 * nothing about where lines go beyond the console, and callers never pass visitor input to it beyond
 * ids and references, so logs hold no personal data.
 */

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

function line(message: string, fields: LogFields | undefined): string {
  const extra = fields === undefined ? "" : ` ${JSON.stringify(fields)}`;
  return `[inquiries] ${message}${extra}`;
}

export const consoleLogger: Logger = {
  info: (message, fields) => {
    console.info(line(message, fields));
  },
  warn: (message, fields) => {
    console.warn(line(message, fields));
  },
  error: (message, fields) => {
    console.error(line(message, fields));
  },
};

/** A logger that keeps every line in memory, for tests. */
export function memoryLogger(): Logger & { lines: { level: string; message: string; fields?: LogFields }[] } {
  const lines: { level: string; message: string; fields?: LogFields }[] = [];
  const push = (level: string) => (message: string, fields?: LogFields) => {
    lines.push(fields === undefined ? { level, message } : { level, message, fields });
  };
  return { lines, info: push("info"), warn: push("warn"), error: push("error") };
}

/** A short, single-line description of a thrown value, for logs. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, " ").slice(0, 500);
}
