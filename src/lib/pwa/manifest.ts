/**
 * The web app manifest (/manifest.webmanifest) as a value: what a browser needs to offer "Install"
 * and what the installed app shows (name, colours, icons, shortcuts to the tools a runner opens at
 * the gym). Built from the site config, the colour tokens and the icon list; knows nothing about
 * files or requests.
 */
import type { AppColors } from "./tokens";
import type { AppIcon } from "./icons";

export interface ManifestInput {
  readonly name: string;
  readonly description: string;
  readonly lang: string;
  readonly colors: AppColors;
  readonly icons: readonly AppIcon[];
}

export interface WebAppManifest {
  readonly id: string;
  readonly name: string;
  readonly short_name: string;
  readonly description: string;
  readonly lang: string;
  readonly dir: "ltr";
  readonly start_url: string;
  readonly scope: string;
  readonly display: "standalone";
  readonly orientation: "any";
  readonly theme_color: string;
  readonly background_color: string;
  readonly categories: readonly string[];
  readonly icons: readonly { src: string; sizes: string; type: "image/png"; purpose: string }[];
  readonly shortcuts: readonly { name: string; short_name: string; description: string; url: string }[];
}

/**
 * Shortcuts of the installed app. "Today's day" opens the tracker, whose "Next" link is the
 * runner's day (progress lives in their browser, so no static address could name it).
 */
export const SHORTCUTS: WebAppManifest["shortcuts"] = [
  {
    name: "Load calculator",
    short_name: "Calculator",
    description: "Turn your last set into a plan with the plates per side",
    url: "/tools/load-calculator/",
  },
  {
    name: "25 Days of Mobility",
    short_name: "Mobility",
    description: "The program and your tracker",
    url: "/mobility/",
  },
  {
    name: "Today's mobility day",
    short_name: "Today",
    description: "Your tracker, with the next day to do",
    url: "/mobility/#tracker",
  },
];

/**
 * The manifest. A manifest holds one theme and one background colour, so it carries the light
 * scheme's; pages add the dark values in `<meta name="theme-color" media=...>`.
 */
export function webAppManifest(input: ManifestInput): WebAppManifest {
  return {
    id: "/",
    name: input.name,
    short_name: input.name,
    description: input.description,
    lang: input.lang,
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    orientation: "any",
    theme_color: input.colors.theme.light,
    background_color: input.colors.background.light,
    categories: ["health", "fitness", "sports"],
    icons: input.icons.map((icon) => ({
      src: icon.src,
      sizes: `${icon.size}x${icon.size}`,
      type: "image/png",
      purpose: icon.purpose,
    })),
    shortcuts: SHORTCUTS,
  };
}
