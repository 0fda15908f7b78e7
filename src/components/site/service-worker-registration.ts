/**
 * The inline script that registers the service worker (/sw.js, written by
 * scripts/service-worker.mjs) once the page has loaded, and the one `astro dev` uses instead, which
 * removes a worker that a production server on the same address may have left. Kept apart from
 * ServiceWorkerScript.astro so astro.config.mjs can put the script's hash in every page's policy.
 */
export const REGISTER = `"serviceWorker"in navigator&&addEventListener("load",()=>navigator.serviceWorker.register("/sw.js").catch(()=>0))`;
export const UNREGISTER_IN_DEV = `navigator.serviceWorker?.getRegistrations().then(r=>r.forEach(w=>w.unregister()))`;
