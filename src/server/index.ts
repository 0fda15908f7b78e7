/**
 * What the Astro route and pages import from the inquiry server: the per-process context, the
 * submission entry point, the token for the form and the Response builder. Everything else in
 * src/server is internal to it. Node-only: never import this from an island.
 */
export {
  THANKS_PATH,
  closeServerContext,
  getServerContext,
  handleInquiryRequest,
  tryIssueFormToken,
} from "./context.ts";
export type { ServerContext } from "./context.ts";
export { resultBody, toResponse } from "./result.ts";
export type { BodyMode, InquiryResult, RefusalStatus } from "./result.ts";
