/**
 * How an on-demand page finds the inquiry service and the client's address. The production server
 * (src/server/http) puts both in `Astro.locals` for every request. Under `astro dev` there is no
 * such server, so a service is built on first use with the database in this thread; that code is
 * behind `import.meta.env.DEV` and never part of a production build.
 */
import type { ArticleSummary } from "./article-index.ts";
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

/**
 * A published article's title and description, or undefined when no published article has this
 * slug. From the build's index in production; `astro dev` reads the content collection (that import
 * is behind `import.meta.env.DEV`, so the server bundle never holds the articles).
 */
export async function articleSummary(context: RouteContext, slug: string): Promise<ArticleSummary | undefined> {
  if (context.locals.articles !== undefined) return context.locals.articles.get(slug);
  if (import.meta.env.DEV) {
    const { getArticles } = await import("../data/articles.ts");
    const article = (await getArticles()).find((entry) => entry.id === slug);
    return article && { title: article.data.title, description: article.data.description };
  }
  return undefined;
}
