/**
 * The site's one stylesheet (src/styles/global.css as built): its URL, and its rules read once per
 * process for cutting each page's inline CSS (src/lib/css/page-css.ts). Both imports go
 * through the same Vite and Tailwind pipeline, so the inline CSS is a part of the file it precedes.
 */
import css from "../styles/global.css?inline";
import url from "../styles/global.css?url";
import { readStylesheet, type Stylesheet } from "../lib/css/page-css";

let sheet: Stylesheet | undefined;

export const SITE_STYLESHEET_URL = url;

/** The stylesheet's rules, parsed on first use. */
export const siteStylesheet = (): Stylesheet => (sheet ??= readStylesheet(css));
