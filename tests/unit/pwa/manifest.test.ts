import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { APP_ICONS, iconSvg } from "../../../src/lib/pwa/icons";
import { webAppManifest } from "../../../src/lib/pwa/manifest";
import { appColors, tokenColors } from "../../../src/lib/pwa/tokens";

const css = readFileSync("src/styles/global.css", "utf8");

describe("colours from the tokens", () => {
  it("reads the light and dark values of the site's stylesheet", () => {
    expect(appColors(css)).toEqual({
      background: { light: "#f7f7f4", dark: "#0d141d" },
      theme: { light: "#ffffff", dark: "#16202c" },
    });
  });

  it("names a token that is missing or not light-dark(hex, hex)", () => {
    expect(() => tokenColors(":root{--rs-canvas: red}", "canvas")).toThrow("--rs-canvas");
  });
});

describe("webAppManifest", () => {
  const manifest = webAppManifest({
    name: "Run Smart",
    description: "d",
    lang: "en",
    colors: appColors(css),
    icons: APP_ICONS,
  });

  it("has what an install needs, in the light scheme's colours", () => {
    expect(manifest).toMatchObject({
      start_url: "/",
      scope: "/",
      display: "standalone",
      theme_color: "#ffffff",
      background_color: "#f7f7f4",
    });
    expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  });

  it("declares 192 and 512 px icons for both purposes", () => {
    const declared = manifest.icons.map((icon) => `${icon.purpose} ${icon.sizes}`);
    expect(declared).toEqual(["any 192x192", "any 512x512", "maskable 192x192", "maskable 512x512"]);
  });
});

describe("iconSvg", () => {
  it("draws the rounded mark, or a full-bleed square for launchers that cut their own shape", () => {
    expect(iconSvg(192, "any")).toContain('rx="7"');
    expect(iconSvg(192, "any")).toContain('width="192"');
    expect(iconSvg(512, "maskable")).not.toContain("rx=");
  });
});
