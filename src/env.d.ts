import type { ArticleIndex } from "./server/article-index.ts";
import type { InquiryService } from "./server/context.ts";

declare global {
  /** What the production server (src/server/http/site-server.ts) gives every on-demand route. */
  namespace App {
    interface Locals {
      /** Undefined while the inquiry service cannot run (then the form answers 503). */
      inquiries?: InquiryService | undefined;
      /** The client's IP address, from trusted proxies or the socket. */
      clientAddress?: string | undefined;
      /** The published articles, from the build's index (src/server/article-index.ts). */
      articles?: ArticleIndex | undefined;
    }
  }
}

export {};
