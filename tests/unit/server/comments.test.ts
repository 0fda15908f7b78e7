import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inlineStore } from "../../../src/server/async-store.ts";
import { manualClock } from "../../../src/server/clock.ts";
import { commentActionUrl } from "../../../src/server/comment-links.ts";
import { composeCommentNotification, composeCommentReply } from "../../../src/server/comment-mail.ts";
import { COMMENT_RECEIVED, createCommentService } from "../../../src/server/comments.ts";
import type { CommentService } from "../../../src/server/comments.ts";
import { issueFormToken } from "../../../src/server/form-token.ts";
import { memoryLogger } from "../../../src/server/logger.ts";
import { createRateLimiter } from "../../../src/server/rate-limit.ts";
import { createLinkSigner } from "../../../src/server/signed-link.ts";
import { openStore } from "../../../src/server/store.ts";
import type { InquiryStore } from "../../../src/server/store.ts";
import { T0, identity, minutes, tempDir } from "./helpers.ts";

const SECRET = "unit-test-secret-of-at-least-32-characters";
const ORIGIN = "https://runsmart.test";
const ARTICLE = { slug: "fit-lifting", title: "How to Fit Lifting Into a Running Week" };
const links = createLinkSigner([SECRET]);

let tmp: ReturnType<typeof tempDir>;
let store: InquiryStore;
let clock: ReturnType<typeof manualClock>;
let service: CommentService;

beforeEach(() => {
  tmp = tempDir();
  store = openStore(tmp.dbPath);
  clock = manualClock(T0);
  service = createCommentService({
    store: inlineStore(store),
    clock,
    logger: memoryLogger(),
    links,
    rateLimiter: createRateLimiter({ max: 5, windowMs: minutes(10) }),
    allowedOrigins: [ORIGIN],
    formSecrets: [SECRET],
    minFillMs: 3000,
    coachName: "Nicole Sifuentes",
    outbox: null,
  });
});

afterEach(() => {
  store.close();
  tmp.cleanup();
});

/** A token for a form served a minute ago. */
const token = () => issueFormToken(new Date(clock.now().getTime() - 60_000), SECRET);

function postJson(body: Record<string, unknown>, origin = ORIGIN): Request {
  return new Request(`${ORIGIN}/articles/fit-lifting/comments/`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: origin },
    body: JSON.stringify(body),
  });
}

function postForm(fields: Record<string, string>, url = `${ORIGIN}/articles/fit-lifting/comments/`): Request {
  return new Request(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
    body: new URLSearchParams(fields).toString(),
  });
}

const valid = (patch: Record<string, unknown> = {}) => ({
  name: "Ada",
  comment: "How many sets on an easy day?",
  formToken: token(),
  ...patch,
});

describe("a reader's post", () => {
  it("is stored pending: 201 for the enhanced form, 303 back to the article for a plain one", async () => {
    expect(await service.handle(postJson(valid()), ARTICLE, "10.0.0.1")).toMatchObject({
      kind: "accepted",
      status: 201,
      message: COMMENT_RECEIVED,
    });
    const form = await service.handle(
      postForm({ name: "Bo", comment: "Trail runners too?", formToken: token() }),
      ARTICLE,
      "10.0.0.1",
    );
    expect(form).toMatchObject({ status: 303, headers: { Location: "/articles/fit-lifting/#comment-received" } });
    expect(store.listComments({ pendingOnly: true }).map((c) => [c.name, c.articleTitle])).toEqual([
      ["Bo", ARTICLE.title],
      ["Ada", ARTICLE.title],
    ]);
  });

  it("from another site is refused with 403 and nothing is stored", async () => {
    const result = await service.handle(postJson(valid(), "https://evil.example"), ARTICLE, "10.0.0.1");
    expect(result).toMatchObject({ kind: "refused", status: 403 });
    expect(store.listComments({ pendingOnly: false })).toEqual([]);
  });

  it("comes back with a message next to each field and every value kept", async () => {
    const result = await service.handle(
      postForm({ name: "Ada", email: "not-an-address", comment: "x", notify: "on", formToken: token() }),
      ARTICLE,
      "10.0.0.1",
    );
    expect(result).toMatchObject({
      kind: "invalid",
      status: 422,
      values: { name: "Ada", email: "not-an-address", comment: "x", notify: "on" },
    });
    if (result.kind !== "invalid") return;
    expect(Object.keys(result.errors).sort()).toEqual(["comment", "email"]);
  });

  it("asks for an address only when the reader wants to hear about replies", async () => {
    const result = await service.handle(postJson(valid({ notify: true })), ARTICLE, "10.0.0.1");
    expect(result).toMatchObject({ kind: "invalid", errors: { email: expect.stringContaining("reply") as string } });
  });

  it("asks to press Post once more when the form token is missing or the form was sent too fast", async () => {
    const missing = await service.handle(postJson(valid({ formToken: undefined })), ARTICLE, "10.0.0.1");
    expect(missing).toMatchObject({ kind: "resend", status: 409, formToken: expect.any(String) as string });
    const fresh = issueFormToken(clock.now(), SECRET);
    const tooFast = await service.handle(postJson(valid({ formToken: fresh })), ARTICLE, "10.0.0.1");
    expect(tooFast).toMatchObject({ kind: "resend", message: expect.stringContaining("Post once more") as string });
    expect(store.listComments({ pendingOnly: false })).toEqual([]);
  });

  it("answers a filled honeypot like a success and files it as spam", async () => {
    const result = await service.handle(postJson(valid({ website: "http://spam.example" })), ARTICLE, "10.0.0.1");
    expect(result.kind).toBe("accepted");
    expect(store.listComments({ pendingOnly: false }).map((c) => c.status)).toEqual(["spam"]);
  });

  it("holds a comment with more than two links with a flag", async () => {
    const text = "See https://a.example, https://b.example and https://c.example";
    await service.handle(postJson(valid({ comment: text })), ARTICLE, "10.0.0.1");
    await service.handle(
      postJson(valid({ comment: "Only https://a.example and https://b.example" })),
      ARTICLE,
      "10.0.0.1",
    );
    expect(store.listComments({ pendingOnly: true }).map((c) => c.heldReason)).toEqual([null, "links"]);
  });

  it("stores a duplicate once and lets the sixth quick post wait (429 with Retry-After)", async () => {
    await service.handle(postJson(valid()), ARTICLE, "10.0.0.1");
    await service.handle(postJson(valid()), ARTICLE, "10.0.0.1");
    expect(store.listComments({ pendingOnly: false })).toHaveLength(1);
    for (let n = 3; n <= 5; n += 1) {
      expect((await service.handle(postJson(valid({ comment: `Question ${n}` })), ARTICLE, "10.0.0.1")).status).toBe(
        201,
      );
    }
    const sixth = await service.handle(postJson(valid({ comment: "Question 6" })), ARTICLE, "10.0.0.1");
    expect(sixth).toMatchObject({
      kind: "refused",
      status: 429,
      headers: { "Retry-After": expect.any(String) as string },
    });
    expect((await service.handle(postJson(valid({ comment: "Other client" })), ARTICLE, "10.0.0.2")).status).toBe(201);
  });
});

describe("the signed links' pages", () => {
  let id: number;
  beforeEach(async () => {
    await service.handle(postJson(valid({ email: "ada@example.com", notify: true })), ARTICLE, "10.0.0.1");
    id = store.listComments({ pendingOnly: true })[0]?.id ?? 0;
  });
  const tokenOf = (url: string) => new URL(url).searchParams.get("token") ?? "";
  const linkFor = (action: "approve" | "delete" | "unsubscribe", commentId = id, now = clock.now()) =>
    tokenOf(commentActionUrl(links, ORIGIN, action, commentId, now));
  const confirm = (action: "approve" | "delete" | "unsubscribe", fields: Record<string, string>) =>
    service.act(action, postForm(fields, `${ORIGIN}/comments/${action}/`));

  it("opening a link changes nothing; only the page's POST acts, and a second use says it was done", async () => {
    const approve = linkFor("approve");
    expect(await service.open("approve", approve)).toMatchObject({ state: "confirm", status: 200 });
    expect(store.findComment(id)?.status).toBe("pending");
    expect(await confirm("approve", { token: approve })).toMatchObject({ state: "done", outcome: "approved" });
    expect(store.findComment(id)?.status).toBe("approved");
    expect(await service.open("approve", approve)).toMatchObject({ state: "already", outcome: "approved" });
    expect(await confirm("approve", { token: approve })).toMatchObject({ state: "already", outcome: "approved" });
  });

  it("a used delete link and an approve link after deletion both say it was deleted", async () => {
    const remove = linkFor("delete");
    expect(await confirm("delete", { token: remove })).toMatchObject({ state: "done", outcome: "deleted" });
    expect(await confirm("delete", { token: remove })).toMatchObject({ state: "already", outcome: "deleted" });
    expect(await service.open("approve", linkFor("approve"))).toMatchObject({ state: "already", outcome: "deleted" });
    expect(store.findComment(id)).toMatchObject({ status: "deleted", body: "" });
  });

  it("refuses forged tokens, tokens for another action or comment, and expired ones", async () => {
    const approve = linkFor("approve");
    // One character of the signature changed (not the last, whose low bits are padding).
    const at = approve.length - 10;
    const forged = `${approve.slice(0, at)}${approve[at] === "A" ? "B" : "A"}${approve.slice(at + 1)}`;
    expect(await service.open("approve", forged)).toEqual({ state: "invalid", status: 400 });
    expect(await service.open("approve", null)).toEqual({ state: "invalid", status: 400 });
    expect(await service.open("delete", approve)).toEqual({ state: "invalid", status: 400 });
    const otherSecret = createLinkSigner(["another-secret-of-at-least-32-characters"]);
    const foreign = tokenOf(commentActionUrl(otherSecret, ORIGIN, "approve", id, clock.now()));
    expect(await confirm("approve", { token: foreign })).toEqual({ state: "invalid", status: 400 });
    clock.advance(31 * 24 * 60 * minutes(1));
    expect(await confirm("approve", { token: approve })).toEqual({ state: "expired", status: 410, commentId: id });
    expect(store.findComment(id)?.status).toBe("pending");
  });

  it("refuses a confirmation posted from another site", async () => {
    const request = new Request(`${ORIGIN}/comments/approve/`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ token: linkFor("approve") }).toString(),
    });
    expect(await service.act("approve", request)).toMatchObject({ state: "refused", status: 403 });
    expect(store.findComment(id)?.status).toBe("pending");
  });

  it("publishes the coach's reply at once (approving the comment) and checks its text", async () => {
    const approve = linkFor("approve");
    const tooLong = await confirm("approve", { token: approve, reply: "x".repeat(3001) });
    expect(tooLong).toMatchObject({ state: "reply-invalid", status: 422, reply: "x".repeat(3001) });
    const done = await confirm("approve", { token: approve, reply: "Two sets of five." });
    expect(done).toMatchObject({ state: "done", outcome: "replied", notified: true, comment: { status: "approved" } });
    expect(store.articleComments("fit-lifting").map((c) => c.author)).toEqual(["reader", "coach"]);
  });

  it("unsubscribes with RFC 8058's one-click POST, the token in the address", async () => {
    const url = commentActionUrl(links, ORIGIN, "unsubscribe", id, clock.now());
    const oneClick = new Request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(await service.act("unsubscribe", oneClick)).toMatchObject({ state: "done", outcome: "unsubscribed" });
    expect(store.findComment(id)?.notify).toBe(false);
  });
});

describe("the emails", () => {
  it("give the coach the article, the comment and two working links, never the reader's address", async () => {
    await service.handle(postJson(valid({ email: "ada@example.com", notify: true })), ARTICLE, "10.0.0.1");
    const [due] = store.claimDue(T0, minutes(2), 10);
    if (due === undefined) throw new Error("no message queued");
    const message = composeCommentNotification(due, { identity, links, clock });
    expect(message.to.address).toBe(identity.coachAddress);
    expect(message.subject).toBe(`New comment from Ada on "${ARTICLE.title}"`);
    expect(message.text).toContain("How many sets on an easy day?");
    expect(JSON.stringify(message)).not.toContain("ada@example.com");
    for (const action of ["approve", "delete"] as const) {
      const url = new RegExp(`^${action === "approve" ? "Approve" : "Delete"}: (\\S+)$`, "m").exec(message.text)?.[1];
      expect(url?.startsWith(`${identity.siteUrl}/comments/${action}/?token=`)).toBe(true);
      expect(await service.open(action, new URL(url ?? "").searchParams.get("token"))).toMatchObject({
        state: "confirm",
      });
    }
  });

  it("tell the reader about the reply with a one-click unsubscribe", () => {
    const id = store.listComments({ pendingOnly: false })[0]?.id;
    expect(id).toBeUndefined();
    const saved = store.saveComment(
      {
        article: "fit-lifting",
        articleTitle: ARTICLE.title,
        comment: { name: "Ada", email: "ada@example.com", comment: "Question", notify: true },
        spam: false,
        held: null,
      },
      T0,
    );
    if (saved.status !== "created") throw new Error("not stored");
    store.claimDue(T0, minutes(2), 10).forEach((d) => store.markSent(d.message.id, T0));
    store.replyToComment(saved.id, "Answer", "Nicole Sifuentes", T0);
    const [due] = store.claimDue(T0, minutes(2), 10);
    if (due === undefined) throw new Error("no reply email queued");
    const message = composeCommentReply(due, { identity, links, clock });
    expect(message.to.address).toBe("ada@example.com");
    expect(message.text).toContain("> Answer");
    expect(message.unsubscribeUrl).toMatch(/\/comments\/unsubscribe\/\?token=/);
    expect(message.text).toContain(message.unsubscribeUrl ?? "missing");
  });
});
