import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { e2eDatabasePath } from "./site";

/** Removes this run's inquiry database folder. */
export default function globalTeardown(): void {
  rmSync(dirname(e2eDatabasePath()), { recursive: true, force: true });
}
