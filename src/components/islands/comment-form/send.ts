/**
 * Sends the comment form as JSON and reads the server's answer (untrusted: only string fields are
 * taken). Network failures reject; any HTTP status resolves, for the form to show.
 */

export interface Answer {
  message?: string;
  errors?: Readonly<Record<string, string>>;
  formToken?: string;
}

export async function send(
  action: string,
  body: Record<string, string | boolean>,
): Promise<{ status: number; answer: Answer }> {
  const response = await fetch(action, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const data: unknown = await response.json().catch(() => ({}));
  const record: Record<string, unknown> = typeof data === "object" && data !== null ? { ...data } : {};
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  const errors = typeof record["errors"] === "object" && record["errors"] !== null ? record["errors"] : {};
  const answer: Answer = {
    errors: Object.fromEntries(
      Object.entries(errors).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    ),
  };
  const message = text(record["message"]);
  const formToken = text(record["formToken"]);
  if (message !== undefined) answer.message = message;
  if (formToken !== undefined) answer.formToken = formToken;
  return { status: response.status, answer };
}
