/**
 * The one file a site owner edits: the coach's identity, the coaching offer, the site's name and
 * address, and the navigation. It is validated when the site builds, so a mistake here stops the
 * build with the name of the field instead of shipping a broken page.
 */
import { z } from "astro/zod";

const internalPath = z
  .string()
  .regex(/^\/([a-z0-9-]+\/)*$/, "must be a site path such as /articles/ (leading and trailing slash)");

export const siteConfigSchema = z.object({
  /** The site's name, shown in the header, page titles and the RSS feed. */
  title: z.string().min(1).max(40),
  /** One line under the name on the home page. */
  tagline: z.string().min(10).max(120),
  /** Default meta description for pages that have none of their own (50-160 characters). */
  description: z.string().min(50).max(160),
  /** The production address, used for canonical links, the sitemap, RSS and share cards. */
  url: z.url({ protocol: /^https?$/ }).refine((u) => !u.endsWith("/"), "must not end with a slash"),
  /** BCP 47 language tag for <html lang>. */
  lang: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, "must be a language tag such as en or en-US"),
  /** The coach the site belongs to: shown in the author box, the about page and structured data. */
  coach: z.object({
    /** Full name as it should appear on every article. */
    name: z.string().min(2).max(80),
    /** Short credentials, each shown as its own line ("Two-time Olympian"). */
    credentials: z.array(z.string().min(2).max(80)).min(1).max(6),
    /** Two or three sentences for the author box under each article. */
    shortBio: z.string().min(40).max(400),
  }),
  /**
   * The 1:1 coaching offer, as /coaching/ and the email a visitor gets after an inquiry describe it.
   * Change it here and both follow.
   */
  offer: z.object({
    /** Length of the free consultation, in minutes (10-120). */
    consultationMinutes: z.number().int().min(10).max(120),
    /** How the consultation happens: "video" call, "phone" call, or "either", as the visitor prefers. */
    consultationBy: z.enum(["video", "phone", "either"]),
    /**
     * How often a coached athlete hears from the coach, ending the sentence "Nicole checks in …",
     * e.g. "every week, with a written review of your training".
     */
    checkIns: z.string().min(5).max(120),
    /** Working days within which every inquiry gets a personal reply (1-10). */
    replyWithinWorkingDays: z.number().int().min(1).max(10),
    /** The price of coaching. Leave it out and no price is shown anywhere. */
    price: z
      .object({
        /** The amount, in the currency's usual units (e.g. 150 for 150.00). */
        amount: z.number().positive().max(100_000),
        /** ISO 4217 currency code, e.g. USD, EUR, GBP. */
        currency: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter currency code such as USD"),
        /** What the amount pays for. */
        per: z.enum(["month", "week"]),
      })
      .optional(),
  }),
  /** Header navigation, in order. Every target must be a page the site builds. */
  nav: z
    .array(z.object({ label: z.string().min(1).max(24), href: internalPath }))
    .min(1)
    .max(7),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;

export const siteConfig: SiteConfig = siteConfigSchema.parse({
  title: "Run Smart",
  tagline: "Lift heavy, move well and train smart: strength for runners from a two-time Olympian.",
  description:
    "Strength training, mobility and smart training for runners, from two-time Olympian and strength coach Nicole Sifuentes.",
  url: "https://runsmart.coach",
  lang: "en",
  coach: {
    name: "Nicole Sifuentes",
    credentials: [
      "Two-time Olympian and former professional runner",
      "Certified Strength and Conditioning Specialist (CSCS)",
      "Full-time running coach",
    ],
    shortBio:
      "Nicole coaches adult runners of every age and ability, one athlete at a time. She raced professionally for years, competed at two Olympic Games, and now helps runners get stronger, stay healthy and race faster.",
  },
  offer: {
    consultationMinutes: 30,
    consultationBy: "video",
    checkIns: "every week, with a written review of your training and the plan for the week ahead",
    replyWithinWorkingDays: 2,
  },
  nav: [
    { label: "Articles", href: "/articles/" },
    { label: "Load calculator", href: "/tools/load-calculator/" },
    { label: "Mobility", href: "/mobility/" },
    { label: "Coaching", href: "/coaching/" },
    { label: "About", href: "/about/" },
  ],
});
