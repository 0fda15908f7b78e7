/**
 * Content collections. Articles are MDX files in content/articles; each file's name is its URL
 * slug. The frontmatter schema, with one doc comment per field, lives in
 * src/lib/content/article-schema.ts so that tests can check it without a build.
 */
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { createArticleSchema } from "./lib/content/article-schema";

const articles = defineCollection({
  loader: glob({ pattern: "**/*.mdx", base: "./content/articles" }),
  schema: ({ image }) => createArticleSchema(image()),
});

export const collections = { articles };
