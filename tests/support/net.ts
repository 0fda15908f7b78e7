/** Loopback networking the tests share: a port to listen on. Knows nothing about what listens there. */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";

/** A loopback port nothing listens on at the moment. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, "127.0.0.1", done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) =>
    probe.close(() => {
      done();
    }),
  );
  return port;
}
