import { describe, expect, it } from "vitest";
import {
  cssReferences,
  fileOf,
  htmlReferences,
  manifestReferences,
  pagePath,
  precacheClosure,
  precachedPages,
  requiredPages,
  resolveReference,
  scriptReferences,
} from "../../../src/lib/pwa/precache";

describe("precachedPages", () => {
  it("keeps the tools, the program and its days, the offline page; not articles, search or coaching", () => {
    const pages = [
      "/",
      "/tools/load-calculator/",
      "/tools/rest-timer/",
      "/mobility/",
      "/mobility/day-1/",
      "/mobility/day-25/",
      "/offline/",
      "/articles/",
      "/articles/get-faster/",
      "/search/",
      "/coaching/",
      "/tags/strength/",
      "/404.html",
    ];
    expect(precachedPages(pages)).toEqual([
      "/",
      "/mobility/",
      "/mobility/day-1/",
      "/mobility/day-25/",
      "/offline/",
      "/tools/load-calculator/",
      "/tools/rest-timer/",
    ]);
  });

  it("requires the calculator, the program, every day and the offline page", () => {
    const required = requiredPages(25);
    expect(required).toHaveLength(28);
    expect(required).toContain("/mobility/day-25/");
    expect(required).toContain("/offline/");
  });
});

describe("paths", () => {
  it.each([
    ["index.html", "/"],
    ["mobility/day-7/index.html", "/mobility/day-7/"],
    ["404.html", "/404.html"],
  ])("%s is served at %s and back", (file, path) => {
    expect(pagePath(file)).toBe(path);
    expect(fileOf(path)).toBe(file);
  });

  it.each([
    ["/_astro/a.css", "/mobility/", "/_astro/a.css"],
    ["./preact.js", "/_astro/Island.js", "/_astro/preact.js"],
    ["../fonts/x.woff2", "/_astro/a.css", "/fonts/x.woff2"],
    ["/img.png?v=1#x", "/", "/img.png"],
    ["https://runsmart.coach/mobility/", "/", undefined],
    ["//cdn.example/x.js", "/", undefined],
    ["data:image/png;base64,AAAA", "/_astro/a.css", undefined],
    ["#top", "/", undefined],
    ["", "/", undefined],
  ])("%s from %s resolves to %s", (reference, from, expected) => {
    expect(resolveReference(reference, from)).toBe(expected);
  });
});

describe("references", () => {
  it("takes what a page needs from its HTML and leaves its links and feeds out", () => {
    const html = `
      <link rel="stylesheet" href="/_astro/a.css"><link rel="alternate" href="/rss.xml">
      <link rel="canonical" href="https://runsmart.coach/x/"><link rel="icon" href="/favicon.svg">
      <link rel="manifest" href="/manifest.webmanifest"><link rel="modulepreload" href="/_astro/m.js">
      <script type="module" src="/_astro/s.js"></script><script>inline()</script>
      <img src="/_astro/i.webp" srcset="/_astro/i-1.webp 1x, /_astro/i-2.webp 2x" alt="">
      <picture><source srcset="/_astro/i.avif 400w,/_astro/j.avif 800w" type="image/avif"></picture>
      <astro-island component-url="/_astro/Island.js" renderer-url="/_astro/client.js"></astro-island>
      <a href="/articles/">Articles</a>`;
    expect(htmlReferences(html).sort()).toEqual(
      [
        "/_astro/a.css",
        "/favicon.svg",
        "/manifest.webmanifest",
        "/_astro/m.js",
        "/_astro/s.js",
        "/_astro/i.webp",
        "/_astro/i-1.webp",
        "/_astro/i-2.webp",
        "/_astro/i.avif",
        "/_astro/j.avif",
        "/_astro/Island.js",
        "/_astro/client.js",
      ].sort(),
    );
  });

  it("finds fonts and images in CSS, and module paths in scripts", () => {
    expect(cssReferences(`@font-face{src:url(/f.woff2) format("woff2"),url('./g.woff')}a{b:url("x.png")}`)).toEqual([
      "/f.woff2",
      "./g.woff",
      "x.png",
    ]);
    expect(
      scriptReferences(`import{a}from"./preact.js";const l=()=>import("./SelfTests.js");const d=["_astro/x.css"];`),
    ).toEqual(["./preact.js", "./SelfTests.js", "/_astro/x.css"]);
    expect(manifestReferences(JSON.stringify({ icons: [{ src: "/i.png" }], shortcuts: [{ url: "/x/" }] }))).toEqual([
      "/i.png",
    ]);
  });
});

describe("precacheClosure", () => {
  const files: Record<string, string> = {
    "/mobility/": `<link rel="stylesheet" href="/_astro/a.css"><astro-island component-url="/_astro/T.js"></astro-island>`,
    "/_astro/a.css": "a{background:url(./bg.png)}",
    "/_astro/bg.png": "",
    "/_astro/T.js": `import"./p.js";const lazy=()=>import("./Lazy.js");const noise="./not-a-file.js";`,
    "/_astro/p.js": "",
    "/_astro/Lazy.js": "",
  };
  const site = { exists: (path: string) => path in files, text: (path: string) => files[path] ?? "" };

  it("follows stylesheets and module imports, lazily loaded parts included", () => {
    expect(precacheClosure(["/mobility/"], site)).toEqual({
      files: ["/_astro/Lazy.js", "/_astro/T.js", "/_astro/a.css", "/_astro/bg.png", "/_astro/p.js", "/mobility/"],
      missing: [],
    });
  });

  it("names a file a page references that the build lacks", () => {
    const broken = { ...site, exists: (path: string) => path !== "/_astro/bg.png" && path in files };
    expect(precacheClosure(["/mobility/"], broken).missing).toEqual(["/_astro/a.css -> /_astro/bg.png"]);
  });
});
