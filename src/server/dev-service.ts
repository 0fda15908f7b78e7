/**
 * The inquiry service for `astro dev`: one per dev-server process (kept on globalThis, since the
 * dev server may evaluate this module more than once), with a SQLite store in the dev server's
 * own thread (or PostgreSQL with DATABASE_URL). Production never loads this file (see locals.ts).
 */
import { inlineStore } from "./async-store.ts";
import { systemClock } from "./clock.ts";
import { describeConfig, loadConfig } from "./config.ts";
import { createInquiryService } from "./context.ts";
import { openConfiguredStore } from "./database.ts";
import type { InquiryService } from "./context.ts";
import { consoleLogger, describeError } from "./logger.ts";
import { openStore } from "./store.ts";

const holder = globalThis as typeof globalThis & {
  runSmartDevInquiries?: Promise<InquiryService | undefined> | undefined;
};

/** The dev server's service; `devOrigin` (where `astro dev` listens) may post the form. */
export function devInquiryService(devOrigin: string): Promise<InquiryService | undefined> {
  holder.runSmartDevInquiries ??= (async () => {
    try {
      const extra = [process.env["INQUIRY_ALLOWED_ORIGINS"], devOrigin].filter(Boolean).join(",");
      const config = loadConfig({ ...process.env, INQUIRY_ALLOWED_ORIGINS: extra });
      consoleLogger.info(describeConfig(config));
      const { store, dailyJobs } = openConfiguredStore(config, {
        openSqlite: (path) => inlineStore(openStore(path)),
        logger: consoleLogger,
      });
      return await createInquiryService({ config, store, dailyJobs, clock: systemClock, logger: consoleLogger });
    } catch (error) {
      consoleLogger.error("the inquiry service could not start", { error: describeError(error) });
      holder.runSmartDevInquiries = undefined;
      return undefined;
    }
  })();
  return holder.runSmartDevInquiries;
}
