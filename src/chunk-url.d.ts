/** `./Part.tsx?chunk`: the URL of that module's client chunk, for import() (see astro.config.mjs). */
declare module "*?chunk" {
  const url: string;
  export default url;
}
/** `./script.js?minified`: that file's code, minified, for an inline script (see astro.config.mjs). */
declare module "*?minified" {
  const code: string;
  export default code;
}
