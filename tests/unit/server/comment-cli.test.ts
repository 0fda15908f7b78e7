import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCommentCli } from "../../../src/server/comment-cli.ts";
import { runCli } from "../../../src/server/cli.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { T0, minutes, tempDir } from "./helpers.ts";

let tmp: ReturnType<typeof tempDir>;
let seed: InquiryStore;
let stdin: string;

beforeEach(() => {
  tmp = tempDir();
  seed = openStore(tmp.dbPath);
  stdin = "";
});

afterEach(() => {
  seed.close();
  tmp.cleanup();
});

function comments(...argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCommentCli(
    argv,
    { out: (t) => (out += t), err: (t) => (err += t) },
    {
      openStore: () => openStore(tmp.dbPath),
      coachName: "Nicole Sifuentes",
      readReply: () => stdin,
      now: () => new Date(T0.getTime() + minutes(60)),
    },
  );
  return { code, out, err };
}

function comment(name: string, email: string | undefined, text: string, at: Date, held: "links" | null = null): number {
  const saved = seed.saveComment(
    {
      article: "fit-lifting",
      articleTitle: "How to Fit Lifting",
      comment: { name, ...(email === undefined ? {} : { email }), comment: text, notify: email !== undefined },
      spam: false,
      held,
    },
    at,
  );
  if (saved.status !== "created") throw new Error("not stored");
  return saved.id;
}

describe("npm run comments", () => {
  it("lists comments newest first, or only those waiting (with the held flag)", () => {
    const ada = comment("Ada", "ada@example.com", "First question", T0);
    const bot = comment(
      "Spammy \u001b[31m",
      undefined,
      "https://a.example https://b.example https://c.example",
      new Date(T0.getTime() + 1000),
      "links",
    );
    seed.approveComment(ada, T0);
    const all = comments("list");
    expect(all.code).toBe(0);
    const lines = all.out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+RECEIVED\s+STATUS\s+ARTICLE\s+NAME\s+COMMENT$/);
    expect(lines.slice(1).map((line) => Number(line.split(/\s+/)[0]))).toEqual([bot, ada]);
    expect(all.out).not.toContain("\u001b");
    const pending = comments("list", "--pending").out;
    expect(pending).toContain("pending, held: >2 links");
    expect(pending).not.toContain("First question");
  });

  it("approves, deletes and says what was already done", () => {
    const id = comment("Ada", undefined, "A question", T0);
    expect(comments("approve", String(id)).out).toBe(`Comment ${id} is approved and published under fit-lifting.\n`);
    expect(comments("approve", String(id)).out).toBe(`Comment ${id} was already approved.\n`);
    expect(comments("delete", String(id)).out).toBe(`Comment ${id} is deleted.\n`);
    expect(comments("delete", String(id)).out).toBe(`Comment ${id} was already deleted.\n`);
    expect(comments("approve", "999")).toMatchObject({
      code: 1,
      err: expect.stringContaining("no comment 999") as string,
    });
  });

  it("publishes a reply from --text or standard input and queues the reader's email when they asked", () => {
    const id = comment("Ada", "ada@example.com", "A question", T0);
    seed.claimDue(T0, minutes(2), 10).forEach((due) => seed.markSent(due.message.id, T0));
    stdin = "Two sets of five.\n";
    const reply = comments("reply", String(id));
    expect(reply.code).toBe(0);
    expect(reply.out).toContain("Two sets of five.");
    expect(reply.out).toContain("their email is queued");
    expect(seed.articleComments("fit-lifting").map((c) => [c.author, c.body])).toEqual([
      ["reader", "A question"],
      ["coach", "Two sets of five."],
    ]);
    expect(seed.claimDue(new Date(T0.getTime() + minutes(60)), minutes(2), 10).map((d) => d.message.kind)).toEqual([
      "comment-reply",
    ]);
    expect(comments("reply", String(id), "--text", " ")).toMatchObject({ code: 1 });
  });

  it.each([[[]], [["bogus"]], [["approve"]], [["approve", "x"]], [["list", "--text", "y"]], [["delete", "1", "2"]]])(
    "refuses %j with the usage",
    (argv) => {
      const result = comments(...argv);
      expect(result.code).toBe(1);
      expect(`${result.out}${result.err}`).toContain("Usage: npm run comments");
    },
  );

  it("forget removes a person's comments too", () => {
    comment("Ada", "ada@example.com", "A question", T0);
    const bo = comment("Bo", "bo@example.com", "Another", T0);
    let out = "";
    const code = runCli(
      ["forget", "ADA@example.com"],
      { out: (t) => (out += t), err: () => undefined },
      {
        openStore: () => openStore(tmp.dbPath),
        describeConfig: () => "",
        retentionMonths: () => 12,
        now: () => T0,
        coachTimeZone: "America/Denver",
      },
    );
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toBe(
      "Deleted 0 inquiry(ies), 1 comment(s) and 1 email(s) queued or sent for ADA@example.com:",
    );
    expect(seed.listComments({ pendingOnly: false }).map((c) => c.id)).toEqual([bo]);
  });
});
