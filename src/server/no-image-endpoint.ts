/**
 * The image endpoint of a production build: it does no work. Every image is generated at build time;
 * resizing on request would let anyone keep the CPU busy with huge sizes. `astro dev` keeps Astro's
 * own endpoint (see astro.config.mjs).
 */
import type { APIRoute } from "astro";

export const prerender = false;

export const GET: APIRoute = () =>
  new Response("Images are built ahead of time; there is no on-demand image service.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
