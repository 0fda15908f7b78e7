/**
 * Content collections. Articles are MDX files in content/articles (the file name is the URL slug);
 * the 25 mobility days are one Markdown file each in content/mobility (day-01.md ... day-25.md).
 * The frontmatter schemas, with one doc comment per field, live in src/lib/content so tests can
 * check them without a build.
 */
import { defineCollection } from "astro:content";
import { glob, type Loader } from "astro/loaders";
import { createArticleSchema } from "./lib/content/article-schema";
import { mobilityDaySchema, programProblems } from "./lib/content/mobility-day-schema";

const articles = defineCollection({
  loader: glob({ pattern: "**/*.mdx", base: "./content/articles" }),
  schema: ({ image }) => createArticleSchema(image()),
});

/** The glob loader, then a whole-program check: a missing or repeated day fails the build. */
function mobilityLoader(): Loader {
  const files = glob({ pattern: "day-*.md", base: "./content/mobility" });
  return {
    name: "mobility-program",
    load: async (context) => {
      await files.load(context);
      const entries = context.store.values().map((e) => ({ id: e.id, day: mobilityDaySchema.parse(e.data).day }));
      const problems = programProblems(entries);
      if (problems.length > 0) {
        throw new Error(`The 25-day mobility program in content/mobility is incomplete:\n- ${problems.join("\n- ")}`);
      }
    },
  };
}

const mobility = defineCollection({ loader: mobilityLoader(), schema: mobilityDaySchema });

export const collections = { articles, mobility };
