import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { csvCell, neutraliseFormula, toCsv } from "../../../src/lib/inquiry/csv.ts";

/** A small RFC 4180 reader, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 1;
    } else field += c;
  }
  return rows;
}

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["line\r\nbreak", '"line\r\nbreak"'],
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+44 20 7946 0000", "'+44 20 7946 0000"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tstarts with tab", "'\tstarts with tab"],
    ["\rstarts with CR", '"\'\rstarts with CR"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ["a=b", "a=b"],
    ["plain text with = inside", "plain text with = inside"],
    [" leading space", " leading space"],
    ["\nstarts with LF", '"\nstarts with LF"'],
  ])("writes %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    [" =1+1", "' =1+1"],
    ["   +1", "'   +1"],
    ["\t\t-1", "'\t\t-1"],
    [" \t @SUM(A1)", "' \t @SUM(A1)"],
    ["\r=1", '"\'\r=1"'],
    ["\n=1", '"\'\n=1"'],
    ["\r\n+1", '"\'\r\n+1"'],
    [" \r\n\t-cmd", '"\' \r\n\t-cmd"'],
    ["\u00a0=1", "'\u00a0=1"],
    [' =HYPERLINK("http://x","y")', '"\' =HYPERLINK(""http://x"",""y"")"'],
  ])("neutralises %j, a formula behind whitespace, as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    [42, "42"],
    [-3.5, "-3.5"],
    [true, "true"],
    [null, ""],
    [undefined, ""],
  ])("writes the non-text value %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("ends every line with CRLF", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["1", 2],
          ["x,y", null],
        ],
      ),
    ).toBe('a,b\r\n1,2\r\n"x,y",\r\n');
  });

  it("reads back as the same cells (apart from neutralised formulas)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { maxLength: 5 }), (rows) => {
        const header = ["h"];
        const text = toCsv(header, rows);
        expect(parseCsv(text)).toEqual([header, ...rows.map((r) => r.map(neutraliseFormula))]);
      }),
    );
  });

  it("never lets a cell start with a formula character, with or without whitespace before it", () => {
    const risky = fc
      .tuple(fc.stringMatching(/^[ \t\r\n]{0,4}$/), fc.constantFrom("=", "+", "-", "@", "\t", "\r", ""), fc.string())
      .map(([space, start, rest]) => `${space}${start}${rest}`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), risky), (text) => {
        const cell = csvCell(text).replace(/^"/, "");
        expect(cell).not.toMatch(/^[\t\r]|^\s*[=+\-@]/);
      }),
    );
  });
});
