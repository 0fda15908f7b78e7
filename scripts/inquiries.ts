/**
 * The coach's inquiry tool: `npm run inquiries -- list | show | export | resend | purge | forget |
 * bookings | cancel | check | migrate-to-postgres` (see src/server/cli.ts for the commands). Node
 * runs this file directly, stripping the types, so it and everything it imports use only erasable
 * TypeScript and explicit .ts extensions. It opens the store the server uses: PostgreSQL when
 * DATABASE_URL is set, otherwise the SQLite file at INQUIRY_DB_PATH (default ./data/inquiries.db),
 * and purges with the server's INQUIRY_RETENTION_MONTHS.
 */
import { inlineStore } from "../src/server/async-store.ts";
import { runCli } from "../src/server/cli.ts";
import { describeConfig, loadConfig } from "../src/server/config.ts";
import { openConfiguredStore } from "../src/server/database.ts";
import { consoleLogger } from "../src/server/logger.ts";
import { copySqliteToPostgres } from "../src/server/pg/copy.ts";
import { openStore } from "../src/server/store.ts";
import { siteConfig } from "../src/site.config.ts";

process.exitCode = await runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
  {
    openStore: () =>
      openConfiguredStore(loadConfig(process.env), {
        openSqlite: (path) => inlineStore(openStore(path)),
        logger: consoleLogger,
      }).store,
    describeConfig: () => describeConfig(loadConfig(process.env)),
    retentionMonths: () => loadConfig(process.env).retentionMonths,
    migrateToPostgres: async () => {
      const { dbPath, databaseUrl } = loadConfig(process.env);
      if (databaseUrl === null) {
        throw new Error("set DATABASE_URL to the new, empty PostgreSQL database to copy the SQLite database into");
      }
      return copySqliteToPostgres(dbPath, databaseUrl);
    },
    coachTimeZone: siteConfig.availability.timeZone,
    now: () => new Date(),
  },
);
