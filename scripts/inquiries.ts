/**
 * The coach's inquiry tool: `npm run inquiries -- list | show | export | resend | purge | forget |
 * bookings | cancel | check` (see src/server/cli.ts for the commands). Node runs this file directly, stripping the
 * types, so it and everything it imports use only erasable TypeScript and explicit .ts extensions.
 * It opens the database named by INQUIRY_DB_PATH (default ./data/inquiries.db), the same one the
 * server uses, and purges with the server's INQUIRY_RETENTION_MONTHS.
 */
import { runCli } from "../src/server/cli.ts";
import { describeConfig, loadConfig } from "../src/server/config.ts";
import { openStore } from "../src/server/store.ts";
import { siteConfig } from "../src/site.config.ts";

process.exitCode = runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
  {
    openStore: () => openStore(loadConfig(process.env).dbPath),
    describeConfig: () => describeConfig(loadConfig(process.env)),
    retentionMonths: () => loadConfig(process.env).retentionMonths,
    coachTimeZone: siteConfig.availability.timeZone,
    now: () => new Date(),
  },
);
