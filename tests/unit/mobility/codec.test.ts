import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CURRENT_VERSION,
  PROGRESS_STORAGE_KEY,
  decodeDocument,
  load,
  parseMobilityState,
  save,
  documentOf,
} from "../../../src/lib/mobility";
import type { LoadResult } from "../../../src/lib/mobility";
import { documentV2, state } from "./arbitraries";

const KINDS = ["empty", "ok", "corrupt", "newer"];

/** load must return one of its four results for any input, and every state it gives must be valid. */
function checkLoad(raw: string | null): LoadResult {
  const result = load(raw);
  expect(KINDS).toContain(result.kind);
  if (result.kind === "ok" || result.kind === "newer") {
    expect(parseMobilityState(result.state)).toEqual({ ok: true, value: result.state });
  }
  if (result.kind === "corrupt" || result.kind === "newer") expect(result.raw).toBe(raw);
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces the value at a random path of a JSON value with any JSON value, or deletes an object key. */
const mutate = (value: unknown): fc.Arbitrary<unknown> => {
  const options: fc.Arbitrary<unknown>[] = [fc.jsonValue()];
  if (Array.isArray(value) && value.length > 0) {
    const items: unknown[] = value;
    options.push(
      fc.nat(items.length - 1).chain((i) => mutate(items[i]).map((m) => items.map((v, j) => (j === i ? m : v)))),
    );
  }
  if (isObject(value) && Object.keys(value).length > 0) {
    options.push(
      fc.constantFrom(...Object.keys(value)).chain((key) =>
        fc.oneof(
          mutate(value[key]).map((m) => ({ ...value, [key]: m })),
          fc.constant(Object.fromEntries(Object.entries(value).filter(([k]) => k !== key))),
        ),
      ),
    );
  }
  return fc.oneof(...options);
};

describe("the storage contract", () => {
  it("uses one versioned key", () => {
    expect(PROGRESS_STORAGE_KEY).toBe("runsmart.mobility");
    expect(CURRENT_VERSION).toBe(2);
  });

  it("round-trips every valid state", () => {
    fc.assert(
      fc.property(state, (s) => {
        const result = load(save(s));
        expect(result).toEqual({ kind: "ok", state: s });
      }),
    );
  });

  it("writes the documented shape", () => {
    const text = save({
      days: { "3": { at: "2026-11-20T18:00:00.000Z", on: "2026-11-20" }, "1": { at: null, on: null } },
      selfTests: {},
    });
    expect(JSON.parse(text)).toEqual({
      version: 2,
      days: { "1": { at: null, on: null }, "3": { at: "2026-11-20T18:00:00.000Z", on: "2026-11-20" } },
      selfTests: {},
    });
    expect(text.startsWith('{"version":2,')).toBe(true);
  });
});

describe("load never throws", () => {
  it("for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (raw) => {
        checkLoad(raw);
      }),
      { numRuns: 500 },
    );
  });

  it("for any JSON text", () => {
    fc.assert(
      fc.property(fc.json(), (raw) => {
        checkLoad(raw);
      }),
      { numRuns: 500 },
    );
  });

  it("for any value passed through JSON.stringify", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (value) => {
        // JSON.stringify returns undefined for undefined and functions, which its typing leaves out.
        const raw = JSON.stringify(value) as string | undefined;
        checkLoad(raw ?? null);
      }),
      { numRuns: 500 },
    );
  });

  it("for valid documents with one part replaced or removed", () => {
    fc.assert(
      fc.property(documentV2.chain(mutate), (mutated) => {
        checkLoad(JSON.stringify(mutated));
      }),
      { numRuns: 500 },
    );
  });

  it("for newer documents with one part replaced or removed, which stay flagged", () => {
    const newer = fc
      .tuple(documentV2, fc.integer({ min: 3, max: 1_000_000 }))
      .map(([doc, version]) => ({ ...doc, version }))
      .chain((doc) => mutate(doc.days).map((days) => ({ ...doc, days })));
    fc.assert(
      fc.property(newer, (doc) => {
        expect(checkLoad(JSON.stringify(doc))).toMatchObject({ kind: "newer", version: doc.version });
      }),
      { numRuns: 300 },
    );
  });

  it("for valid documents cut short or with a character inserted", () => {
    fc.assert(
      fc.property(state, fc.nat(), fc.string({ maxLength: 3 }), (s, at, insert) => {
        const text = save(s);
        const cut = at % (text.length + 1);
        checkLoad(text.slice(0, cut));
        checkLoad(text.slice(0, cut) + insert + text.slice(cut));
      }),
      { numRuns: 300 },
    );
  });

  it("for versions that look like versions but are not", () => {
    for (const version of ['"2"', "2.5", "0", "-1", "null", "true", "1e400", "[2]", "{}"]) {
      expect(checkLoad(`{"version":${version},"days":{},"selfTests":{}}`).kind).toBe("corrupt");
    }
  });
});

describe("load results", () => {
  it.each([null, "", "   "])("%j is empty", (raw) => {
    expect(load(raw)).toEqual({ kind: "empty" });
  });

  it.each([
    ["{", "not JSON"],
    ["null", "no version number"],
    ["[]", "no version number"],
    ["42", "no version number"],
    ['{"days":{}}', "no version number"],
    ['{"version":2}', "version 2: days"],
    ['{"version":2,"days":{"26":{"at":null,"on":null}},"selfTests":{}}', "version 2: days"],
    ['{"version":2,"days":{"1":{"at":"2026-11-20T18:00:00.000Z","on":null}},"selfTests":{}}', "version 2: days.1"],
    ['{"version":2,"days":{"1":{"at":"yesterday","on":"2026-11-20"}},"selfTests":{}}', "version 2: days.1"],
    [
      '{"version":2,"days":{"1":{"at":"2026-11-20T18:00:00.000Z","on":"2026-02-30"}},"selfTests":{}}',
      "version 2: days.1",
    ],
    // Version 2 is the first the site shipped.
    ['{"version":1,"done":[1,2]}', "version 1: not a known version"],
    ['{"version":1,"days":{},"selfTests":{}}', "version 1: not a known version"],
  ])("%s is corrupt (%s)", (raw, reason) => {
    const result = load(raw);
    expect(result.kind).toBe("corrupt");
    if (result.kind === "corrupt") {
      expect(result.reason.startsWith(reason)).toBe(true);
      expect(result.raw).toBe(raw);
    }
  });

  it("drops a __proto__ key without touching any prototype", () => {
    const result = load(
      '{"version":2,"days":{"__proto__":{"at":null,"on":null},"2":{"at":null,"on":null}},"selfTests":{}}',
    );
    expect(result).toEqual({
      kind: "ok",
      state: { days: { "2": { at: null, on: null } }, selfTests: {} },
    });
    if (result.kind === "ok") expect(Object.getPrototypeOf(result.state.days)).toBe(Object.prototype);
    expect(Object.prototype).not.toHaveProperty("at");
  });

  it("turns an error thrown while reading into corrupt", () => {
    const value = {
      version: 2,
      selfTests: {},
      get days(): unknown {
        throw new TypeError("revoked");
      },
    };
    expect(decodeDocument(value)).toEqual({ kind: "corrupt", reason: "revoked" });
  });

  it("rejects out-of-range self-test numbers", () => {
    const test = {
      at: "2026-11-20T18:00:00.000Z",
      on: "2026-11-20",
      kneeToWall: { value: 12, unit: "in" },
      balance: { left: 1, right: 1 },
      squatHold: 1,
    };
    expect(load(JSON.stringify({ version: 2, days: {}, selfTests: { baseline: test } })).kind).toBe("corrupt");
    const fine = { ...test, kneeToWall: { value: 11.8, unit: "in" } };
    expect(load(JSON.stringify({ version: 2, days: {}, selfTests: { baseline: fine } })).kind).toBe("ok");
  });
});

describe("documentOf", () => {
  it("leaves a current document as it was", () => {
    fc.assert(
      fc.property(documentV2, (doc) => {
        expect(documentOf(doc)).toEqual(doc);
      }),
    );
  });

  it("leaves out a self-test slot set to undefined", () => {
    expect(documentOf({ days: {}, selfTests: { baseline: undefined } })).toEqual({
      version: 2,
      days: {},
      selfTests: {},
    });
  });
});

describe("a newer version", () => {
  it("is read where its fields match, and flagged", () => {
    const raw = JSON.stringify({
      version: 3,
      days: { "4": { at: "2026-11-20T18:00:00.000Z", on: "2026-11-20", mood: "good" } },
      selfTests: {},
      reminders: [{ time: "07:30" }],
    });
    expect(load(raw)).toEqual({
      kind: "newer",
      version: 3,
      raw,
      compatible: true,
      state: { days: { "4": { at: "2026-11-20T18:00:00.000Z", on: "2026-11-20" } }, selfTests: {} },
    });
  });

  it("is still flagged when its fields do not match", () => {
    const raw = JSON.stringify({ version: 7, days: [4, 5], selfTests: { baseline: { kneeToWall: "far" } } });
    expect(load(raw)).toEqual({
      kind: "newer",
      version: 7,
      raw,
      compatible: false,
      state: { days: {}, selfTests: {} },
    });
  });

  it("reads neither field when one of them is missing", () => {
    const raw = JSON.stringify({ version: 3, days: { "2": { at: null, on: null } }, tests: {} });
    expect(load(raw)).toMatchObject({ kind: "newer", compatible: false, state: { days: {}, selfTests: {} } });
  });

  it("keeps the fields that match when others do not", () => {
    const raw = JSON.stringify({ version: 3, days: { "2": { at: null, on: null } }, selfTests: "moved" });
    const result = load(raw);
    expect(result).toMatchObject({
      kind: "newer",
      compatible: false,
      state: { days: { "2": { at: null, on: null } } },
    });
  });
});
