/**
 * How an on-demand page finds the inquiry service and the client's address. The production server
 * (src/server/http) puts both in `Astro.locals` for every request. Under `astro dev` there is no
 * such server, so a service is built on first use with the database in this thread; that code is
 * behind `import.meta.env.DEV` and never part of a production build.
 */
import type { InquiryService } from "./context.ts";

export interface RouteContext {
  readonly locals: App.Locals;
  /** Astro's own view of the client address, used only by the dev server. */
  readonly clientAddress: () => string | undefined;
  /** The page's address; the dev server accepts form posts from its origin. */
  readonly url: URL;
}

/** The inquiry service, or undefined when it cannot run (the page answers 503). */
export async function inquiryService(context: RouteContext): Promise<InquiryService | undefined> {
  if (context.locals.inquiries !== undefined) return context.locals.inquiries;
  if (import.meta.env.DEV) return (await import("./dev-service.ts")).devInquiryService(context.url.origin);
  return undefined;
}

/** The client's IP address as the server resolved it. */
export function clientAddress(context: RouteContext): string | undefined {
  if (context.locals.clientAddress !== undefined) return context.locals.clientAddress;
  return import.meta.env.DEV ? context.clientAddress() : undefined;
}
