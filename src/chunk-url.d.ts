/** `./Part.tsx?chunk`: the URL of that module's client chunk, for import() (see astro.config.mjs). */
declare module "*?chunk" {
  const url: string;
  export default url;
}
