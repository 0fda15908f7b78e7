/**
 * The inquiry service for `astro dev`: one per dev-server process (kept on globalThis, since the
 * dev server may evaluate this module more than once), with the store in the dev server's own
 * thread. Production never loads this file (see locals.ts).
 */
import { inlineStore } from "./async-store.ts";
import { systemClock } from "./clock.ts";
import { describeConfig, loadConfig } from "./config.ts";
import { createInquiryService } from "./context.ts";
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
      const store = inlineStore(openStore(config.dbPath));
      return await createInquiryService({ config, store, clock: systemClock, logger: consoleLogger });
    } catch (error) {
      consoleLogger.error("the inquiry service could not start", { error: describeError(error) });
      holder.runSmartDevInquiries = undefined;
      return undefined;
    }
  })();
  return holder.runSmartDevInquiries;
}
