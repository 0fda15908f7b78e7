/**
 * The frontmatter contract of an article. Astro validates every file in content/articles against
 * it at build time, so a wrong value fails the build with the file and field named. The schema is
 * built from a factory because Astro hands the image validator in at build time; tests pass their
 * own. It knows nothing about pages, URLs or rendering.
 */
import { z } from "astro/zod";

export const TOPICS = ["strength", "mobility", "form", "training"] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, string> = {
  strength: "Strength",
  mobility: "Mobility",
  form: "Form",
  training: "Training",
};

const tagSlug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "tags are lower-case slugs such as hip-hinge");

export function createArticleSchema<I extends z.ZodType>(image: I) {
  return z
    .object({
      /** The headline, shown as the page's only h1 and in lists, feeds and share cards. */
      title: z.string().min(5).max(100),
      /** One sentence for search results, feeds and link previews: 50-160 characters. */
      description: z.string().min(50).max(160),
      /** First publication date (YYYY-MM-DD). Orders every list, newest first. */
      pubDate: z.coerce.date(),
      /** Date of the last meaningful revision; must not be before pubDate. */
      updatedDate: z.coerce.date().optional(),
      /** The one topic the article belongs to; it decides its /topics/ page. */
      topic: z.enum(TOPICS),
      /** One to six lower-case slugs, no repeats. */
      tags: z
        .array(tagSlug)
        .min(1)
        .max(6)
        .refine((tags) => new Set(tags).size === tags.length, "tags must not repeat"),
      /** A draft builds in development only: never listed, fed or mapped in production. */
      draft: z.boolean().default(false),
      /** Optional lead image, processed by astro:assets; alt text is required with it. */
      hero: z
        .object({ image, alt: z.string().min(5).max(200) })
        .strict()
        .optional(),
      /** Optional series membership: the series name and this article's 1-based place in it. */
      series: z
        .object({ name: z.string().min(2).max(60), order: z.number().int().min(1).max(50) })
        .strict()
        .optional(),
    })
    .strict()
    .refine((a) => a.updatedDate === undefined || a.updatedDate >= a.pubDate, {
      message: "updatedDate must not be before pubDate",
      path: ["updatedDate"],
    });
}

export type ArticleData = z.infer<ReturnType<typeof createArticleSchema<z.ZodType>>>;
