/**
 * The app icons, drawn from the site's mark (the bolt on an accent square, as in
 * public/favicon.svg and the header): plain SVG text that src/pages/icons/ rasterises at build
 * time. A "maskable" icon fills its whole square, because the launcher cuts its own shape out of
 * it; the bolt stays inside the central safe circle (80% of the side). No files, no rendering here.
 */

/** The accent square and the bolt's colour, as in the favicon. */
export const MARK_COLORS = { accent: "#b93d0f", bolt: "#ffffff" } as const;

/** The bolt in the mark's 32-unit box (bounding box x 9-21, y 10-24). */
const BOLT = "M9 22l5-12h3l-2 5h6l-7 9h-3l2-5H9z";

export type IconPurpose = "any" | "maskable";

export interface AppIcon {
  /** Site path of the PNG. */
  readonly src: string;
  readonly size: number;
  readonly purpose: IconPurpose;
}

/** Every icon the build draws: 192 and 512 px for each purpose, and Apple's 180 px touch icon. */
export const APP_ICONS: readonly AppIcon[] = [
  { src: "/icons/icon-192.png", size: 192, purpose: "any" },
  { src: "/icons/icon-512.png", size: 512, purpose: "any" },
  { src: "/icons/maskable-192.png", size: 192, purpose: "maskable" },
  { src: "/icons/maskable-512.png", size: 512, purpose: "maskable" },
];

/** iOS ignores manifest icons for the home screen and wants an opaque 180 px square. */
export const APPLE_TOUCH_ICON: AppIcon = { src: "/icons/apple-touch-icon.png", size: 180, purpose: "maskable" };

/** The icon as SVG of `size` pixels: the rounded mark for "any", a full-bleed square for "maskable". */
export function iconSvg(size: number, purpose: IconPurpose): string {
  // The maskable square has no corners of its own, and the bolt is centred (its box centre is 15,17).
  const background =
    purpose === "maskable"
      ? `<rect width="32" height="32" fill="${MARK_COLORS.accent}"/>`
      : `<rect width="32" height="32" rx="7" fill="${MARK_COLORS.accent}"/>`;
  const bolt =
    purpose === "maskable"
      ? `<path transform="translate(1 -1)" d="${BOLT}" fill="${MARK_COLORS.bolt}"/>`
      : `<path d="${BOLT}" fill="${MARK_COLORS.bolt}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">${background}${bolt}</svg>`;
}
