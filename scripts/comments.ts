/**
 * The coach's comment tool: `npm run comments -- list [--pending] | approve <id> | delete <id> |
 * reply <id>` (see src/server/comment-cli.ts). Node runs this file directly, stripping the types.
 * It opens the database named by INQUIRY_DB_PATH (default ./data/inquiries.db), the one the server
 * uses; a reply's email goes out through the running server's outbox.
 */
import { readFileSync } from "node:fs";
import { runCommentCli } from "../src/server/comment-cli.ts";
import { loadConfig } from "../src/server/config.ts";
import { openStore } from "../src/server/store.ts";
import { siteConfig } from "../src/site.config.ts";

process.exitCode = runCommentCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  },
  {
    openStore: () => openStore(loadConfig(process.env).dbPath),
    coachName: siteConfig.coach.name,
    readReply: () => readFileSync(0, "utf8"),
    now: () => new Date(),
  },
);
