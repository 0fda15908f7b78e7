/**
 * The coach's comment tool: `npm run comments -- list [--pending] | approve <id> | delete <id> |
 * reply <id>` (see src/server/comment-cli.ts). Node runs this file directly, stripping the types.
 * It opens the store the server uses: PostgreSQL when DATABASE_URL is set, otherwise the SQLite
 * file at INQUIRY_DB_PATH (default ./data/inquiries.db); a reply's email goes out through the
 * running server's outbox.
 */
import { readFileSync } from "node:fs";
import { inlineStore } from "../src/server/async-store.ts";
import { runCommentCli } from "../src/server/comment-cli.ts";
import { loadConfig } from "../src/server/config.ts";
import { openConfiguredStore } from "../src/server/database.ts";
import { consoleLogger } from "../src/server/logger.ts";
import { openStore } from "../src/server/store.ts";
import { siteConfig } from "../src/site.config.ts";

process.exitCode = await runCommentCli(
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
    coachName: siteConfig.coach.name,
    readReply: () => readFileSync(0, "utf8"),
    now: () => new Date(),
  },
);
