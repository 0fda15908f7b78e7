/**
 * Issue #16, comments under every article, against the built server with a real SMTP server on
 * loopback: a reader posts with and without JavaScript; the coach's email arrives with signed
 * Approve and Delete links; opening a link changes nothing, confirming on its page publishes the
 * comment on the static article (through the server island) and on the comments page; her reply is
 * nested and marked; the reader who asked is emailed, with a one-click unsubscribe. Cross-site
 * posts get 403 and the sixth quick post 429; offline, the article shows the fallback link; axe
 * finds nothing on the article with comments or on the moderation pages. Each test starts its own
 * server (startSite), so rate limits and mail do not mix.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./fixtures";
import { A11Y_TAGS } from "./site";
import { installWorker, pageErrors, tempDbPath } from "./offline-support";
import {
  COACH_ADDRESS,
  headerValue,
  mintFormToken,
  readDatabase,
  startSite,
  startSmtp,
  textBody,
  type Received,
  type Site,
  type Smtp,
} from "./reliability-support";

const ARTICLE = "/articles/fit-lifting-into-a-running-week/";
const COMMENTS_PAGE = `${ARTICLE}comments/`;
const RECEIVED = "Thanks: your comment will appear once approved.";

let site: Site | undefined;
let smtp: Smtp | undefined;
test.afterEach(async () => {
  await site?.stop();
  await smtp?.close();
  site = undefined;
  smtp = undefined;
});
test.describe.configure({ timeout: 90_000 });

/** Opens the article, scrolls to its comments and waits for the island and the form to be live. */
async function openComments(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator("#comments").scrollIntoViewIfNeeded();
  await expect(page.locator("#comment-thread")).toBeVisible();
  await page.getByRole("button", { name: "Post comment" }).scrollIntoViewIfNeeded();
  await expect(page.locator("#comment-thread astro-island")).not.toHaveAttribute("ssr", "", { timeout: 10_000 });
}

/** A header's text with RFC 2047 encoded words (nodemailer's for long or special subjects) decoded. */
function decodedHeader(raw: string, name: string): string {
  return (headerValue(raw, name) ?? "")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_hex, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** The first message in `inbox` to `to` whose subject matches, once it arrives. */
async function mail(inbox: Received[], to: string, subject: RegExp): Promise<Received> {
  const find = () => inbox.find((m) => m.to.includes(to) && subject.test(decodedHeader(m.raw, "Subject")));
  await expect
    .poll(() => find() !== undefined, { timeout: 20_000, message: `mail to ${to}; server log:\n${site?.log() ?? ""}` })
    .toBe(true);
  const found = find();
  if (found === undefined) throw new Error("unreachable");
  return found;
}

/** The address after `label: ` in a plain-text email. */
function link(raw: string, label: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, "m").exec(textBody(raw));
  if (match?.[1] === undefined) throw new Error(`no ${label} link in:\n${textBody(raw)}`);
  return match[1];
}

const commentStatus = (dbPath: string) =>
  readDatabase(dbPath, (db) => db.prepare("SELECT id, status, notify FROM comments ORDER BY id").all());

test("a reader's question, the coach's email, approval, her reply and the reader's notice", async ({ page }) => {
  smtp = await startSmtp();
  const dbPath = tempDbPath("comments");
  site = await startSite({ dbPath, smtpPort: smtp.port, env: { INQUIRY_MIN_FILL_SECONDS: "0" } });
  const { base } = site;

  // Posting with JavaScript: no page load, focus on the thanks message.
  await openComments(page, `${base}${ARTICLE}`);
  await expect(page.getByText("No comments yet: ask the first question.")).toBeVisible();
  await page.evaluate(() => {
    (window as { samePage?: boolean }).samePage = true;
  });
  await page.getByLabel(/^Name/).fill("Ada <b>Runner</b>");
  await page
    .getByLabel(/^Comment/)
    .fill("How many sets on an easy day?\n\nI read https://example.com/squats?x=1&y=2 first.");
  await page.getByRole("textbox", { name: /^Email/ }).fill("ada@example.com");
  await page.getByLabel(/^Email me when/).check();
  await page.getByRole("button", { name: "Post comment" }).click();
  const thanks = page.getByRole("status").filter({ hasText: RECEIVED });
  await expect(thanks).toBeFocused();
  expect(await page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);

  // The coach's email: the article, the comment, two signed links; never the reader's address.
  const notice = await mail(smtp.inbox, COACH_ADDRESS, /New comment from Ada/);
  const body = textBody(notice.raw);
  expect(body).toContain("How to Fit Lifting Into a Running Week");
  expect(body).toContain("How many sets on an easy day?");
  expect(notice.raw).not.toContain("ada@example.com");
  const approve = link(notice.raw, "Approve");
  expect(link(notice.raw, "Delete")).toContain("/comments/delete/?token=");

  // Following the link (as a mail scanner would) changes nothing.
  await page.goto(approve);
  await expect(page.getByRole("button", { name: "Approve the comment" })).toBeVisible();
  expect(commentStatus(dbPath)).toEqual([{ id: 1, status: "pending", notify: 1 }]);
  const moderationScan = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(moderationScan.violations).toEqual([]);
  await openComments(page, `${base}${ARTICLE}`);
  await expect(page.getByText("No comments yet: ask the first question.")).toBeVisible();

  // Confirming on the page publishes it, on the static article and on the comments page.
  await page.goto(approve);
  await page.getByRole("button", { name: "Approve the comment" }).click();
  await expect(page.getByRole("status")).toHaveText(/The comment is approved/);
  await openComments(page, `${base}${ARTICLE}`);
  const comment = page.getByRole("article", { name: "Comment by Ada <b>Runner</b>" });
  await expect(comment).toContainText("How many sets on an easy day?");
  await expect(comment.getByRole("link", { name: "https://example.com/squats?x=1&y=2" })).toHaveAttribute(
    "rel",
    "nofollow ugc noopener",
  );
  expect(await comment.locator("b").count()).toBe(0);
  await page.goto(`${base}${COMMENTS_PAGE}`);
  await expect(page.getByRole("article", { name: "Comment by Ada <b>Runner</b>" })).toBeVisible();

  // The same link again says so, and offers the reply, published at once as hers and nested.
  await page.goto(approve);
  await expect(page.getByRole("status")).toHaveText(/already approved/);
  await page.getByLabel(/^Your reply/).fill("Two sets of five, Ada, and keep them easy.");
  await page.getByRole("button", { name: "Publish the reply" }).click();
  await expect(page.getByRole("status")).toHaveText(/Your reply is published/);
  await openComments(page, `${base}${ARTICLE}`);
  const replies = page.getByRole("list", { name: "Replies to Ada <b>Runner</b>" });
  const reply = replies.getByRole("article", { name: /Reply from Nicole Sifuentes, the coach/ });
  await expect(reply).toContainText("Two sets of five, Ada");
  await expect(reply.getByText("Coach", { exact: true })).toBeVisible();
  await expect(page.getByText("2 comments")).toBeVisible();
  const articleScan = await new AxeBuilder({ page }).include("#comments").withTags(A11Y_TAGS).analyze();
  expect(articleScan.violations).toEqual([]);

  // The reader asked to hear about replies: one email, with a one-click unsubscribe that works.
  const told = await mail(smtp.inbox, "ada@example.com", /replied to your comment/);
  expect(textBody(told.raw)).toContain("Two sets of five, Ada");
  expect(headerValue(told.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
  const unsubscribe = /<([^>]+)>/.exec(headerValue(told.raw, "List-Unsubscribe") ?? "")?.[1] ?? "";
  expect(unsubscribe).toContain("/comments/unsubscribe/?token=");
  await page.goto(unsubscribe);
  expect(commentStatus(dbPath)[0]).toMatchObject({ notify: 1 });
  const unsubscribeScan = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  expect(unsubscribeScan.violations).toEqual([]);
  const oneClick = await fetch(unsubscribe, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  expect(oneClick.status).toBe(200);
  expect(commentStatus(dbPath)[0]).toMatchObject({ id: 1, status: "approved", notify: 0 });
});

test("without JavaScript: the fallback links to the comments page, errors come back, success returns to the article", async ({
  browser,
}) => {
  smtp = await startSmtp();
  site = await startSite({
    dbPath: tempDbPath("comments-nojs"),
    smtpPort: smtp.port,
    env: { INQUIRY_MIN_FILL_SECONDS: "0" },
  });
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: site.base });
  const page = await context.newPage();
  try {
    await page.goto(ARTICLE);
    await page.getByRole("link", { name: "Read the comments and write one on their own page" }).click();
    await expect(page).toHaveURL(`${site.base}${COMMENTS_PAGE}`);
    await page.getByLabel(/^Name/).fill("Bo");
    await page.getByLabel(/^Email me when/).check();
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("alert")).toHaveText("Please check the highlighted fields.");
    await expect(page.getByRole("textbox", { name: /^Comment/ })).toHaveAccessibleDescription(
      /Please write your comment/,
    );
    await expect(page.getByRole("textbox", { name: /^Email/ })).toHaveAccessibleDescription(
      /so we can tell you about a reply/,
    );
    await expect(page.getByLabel(/^Name/)).toHaveValue("Bo");
    await expect(page.getByLabel(/^Email me when/)).toBeChecked();

    await page.getByRole("textbox", { name: /^Comment/ }).fill("Does this work for trail runners too?");
    await page.getByRole("textbox", { name: /^Email/ }).fill("bo@example.com");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page).toHaveURL(`${site.base}${ARTICLE}#comment-received`);
    await expect(page.getByText(RECEIVED)).toBeVisible();
    await mail(smtp.inbox, COACH_ADDRESS, /New comment from Bo/);
  } finally {
    await context.close();
  }
});

test("a cross-site post is refused and the sixth quick post is told to wait", async () => {
  site = await startSite({ dbPath: tempDbPath("comments-abuse"), env: { INQUIRY_MIN_FILL_SECONDS: "0" } });
  const url = `${site.base}${COMMENTS_PAGE}`;
  const post = (n: number, origin: string) =>
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify({ name: `Reader ${n}`, comment: `Question number ${n}`, formToken: mintFormToken() }),
    });
  const crossSite = await post(0, "https://evil.example");
  expect(crossSite.status).toBe(403);
  for (let n = 1; n <= 5; n += 1) expect((await post(n, site.base)).status, `post ${n}`).toBe(201);
  const sixth = await post(6, site.base);
  expect(sixth.status).toBe(429);
  expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(0);
  expect(((await sixth.json()) as { message: string }).message).toMatch(/several comments in a short time/);
});

test.describe("offline", () => {
  test.use({ serviceWorkers: "allow" });

  test("the article still opens and its comments fall back to the link; the comments page is never kept", async ({
    page,
    context,
  }) => {
    const errors = pageErrors(page);
    site = await startSite({ dbPath: tempDbPath("comments-offline"), env: { INQUIRY_MIN_FILL_SECONDS: "0" } });
    const { base } = site;
    await installWorker(page, `${base}/`);
    await openComments(page, `${base}${ARTICLE}`);
    await page.goto(`${base}${COMMENTS_PAGE}`);
    await expect(page.getByRole("button", { name: "Post comment" })).toBeVisible();
    await context.setOffline(true);
    await site.stop();

    await page.goto(`${base}${ARTICLE}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("How to Fit Lifting Into a Running Week");
    await expect(page.getByRole("link", { name: "Read the comments and write one on their own page" })).toBeVisible({
      timeout: 10_000,
    });
    await expect(page.locator("#comment-thread")).toHaveCount(0);
    await page.goto(`${base}${COMMENTS_PAGE}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("You are offline");
    expect(errors).toEqual([]);
  });
});
