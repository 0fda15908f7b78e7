// Serves the built site (dist/) with the production server in src/server/http: static pages, the
// on-demand routes and the inquiry service. HOST and PORT override 127.0.0.1:4321; run
// `npm run build` first (npm start does both). Node runs the TypeScript server directly.
import { main } from "../src/server/http/main.ts";

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
