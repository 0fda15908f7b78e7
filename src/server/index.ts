/**
 * What the Astro pages import from the inquiry server: how to reach the service, the Response
 * builder and the answer when the service is unavailable. Everything else in src/server is internal
 * to it. Node-only: never import this from an island.
 */
export { THANKS_PATH } from "./context.ts";
export type { InquiryService } from "./context.ts";
export { unavailableResult } from "./handler.ts";
export { articleSummary, clientAddress, inquiryService } from "./locals.ts";
export { resultBody, toResponse } from "./result.ts";
export type { BodyMode, InquiryResult, RefusalStatus } from "./result.ts";
export { MANAGE_ACTION_FIELD, MANAGE_TOKEN_FIELD, statusOf } from "./booking-manage.ts";
export type { ManageOutcome, ManageState } from "./booking-manage.ts";
