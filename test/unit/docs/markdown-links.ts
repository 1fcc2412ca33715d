/**
 * Reads Markdown the way GitHub renders links and heading anchors, so a test can tell which
 * relative links of the repository's documents lead nowhere. Pure over strings, except
 * `checkFiles`, which reads the documents and the files they point to.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export interface Link {
  /** 1-based line of the link in its document. */
  line: number;
  /** The target as written: `docs/adr/001-x.md#status`, `#anchor`, `https://…`. */
  target: string;
  /** A link `[text](target)`, or a code span naming a document (`docs/requirements.md`). */
  kind: "link" | "doc-path";
}

export interface BrokenLink {
  file: string;
  line: number;
  target: string;
  why: string;
}

/** Lines outside fenced code blocks, with their 1-based numbers; fences hold examples, not links. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  markdown.split("\n").forEach((text, i) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (marker !== null) {
      if (fence === undefined) fence = marker[1][0];
      else if (marker[1][0] === fence) fence = undefined;
      return;
    }
    if (fence === undefined) out.push({ line: i + 1, text });
  });
  return out;
}

/** A code span that names a Markdown document of the repository by its path from the root. */
const DOC_PATH = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)+\.md(?:#[A-Za-z0-9_-]+)?$/;

/**
 * Inline links and images `[text](target "title")`, reference definitions `[id]: target`, and
 * code spans that name a document (`docs/spec-format.md`, read from the repository root). Links
 * inside code spans are text, not links.
 */
export function extractLinks(markdown: string): Link[] {
  const links: Link[] = [];
  for (const { line, text } of proseLines(markdown)) {
    const spans: string[] = [];
    const prose = text.replace(/(`+)([^`]|[^`].*?[^`])\1(?!`)/g, (_m, _ticks: string, body: string) => {
      spans.push(body.trim());
      return " ".repeat(_m.length);
    });
    for (const span of spans) if (DOC_PATH.test(span)) links.push({ line, target: span, kind: "doc-path" });
    for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      links.push({ line, target: m[1], kind: "link" });
    const definition = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(prose);
    if (definition !== null) links.push({ line, target: definition[1], kind: "link" });
  }
  return links;
}

/**
 * GitHub's heading anchor (github-slugger): lower case, every character that is not a letter,
 * mark, digit, connector (`_`), space or hyphen dropped, spaces turned into hyphens.
 */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** The text GitHub renders for a heading: links become their text, HTML tags go. */
function headingText(raw: string): string {
  return raw
    .replace(/\s+#+\s*$/, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .trim();
}

/** Every anchor a document offers: its ATX headings, repeats numbered `-1`, `-2` as GitHub does. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { text } of proseLines(markdown)) {
    const m = /^\s{0,3}#{1,6}\s+(.*)$/.exec(text);
    if (m === null) continue;
    const base = slug(headingText(m[1]));
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  for (const m of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(m[1]);
  return out;
}

const EXTERNAL = /^[a-z][a-z0-9+.-]*:/i;

/** Why one link of `file` does not resolve, or undefined when it does. */
export function checkLink(file: string, link: Link, root: string): string | undefined {
  if (EXTERNAL.test(link.target)) return undefined;
  const hash = link.target.indexOf("#");
  const pathPart = decodeURIComponent(hash < 0 ? link.target : link.target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
  const base = link.kind === "doc-path" || pathPart.startsWith("/") ? root : dirname(file);
  const target = pathPart === "" ? file : resolve(base, pathPart.replace(/^\//, ""));
  if (!existsSync(target)) return `no file ${relative(root, target)}`;
  if (anchor === undefined || anchor === "") return undefined;
  if (statSync(target).isDirectory() || !target.endsWith(".md")) return undefined;
  const offered = anchors(readFileSync(target, "utf8"));
  if (offered.has(anchor)) return undefined;
  return `no heading with anchor #${anchor} in ${relative(root, target)}`;
}

/** Every link of the given documents (paths from `root`) that does not resolve. */
export function checkFiles(root: string, files: string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const name of files) {
    const file = join(root, name);
    // Research notes under docs/reference/ name files of *other* repositories in code spans (their
    // sources); only their real links must resolve here.
    const citesOtherRepos = name.startsWith("docs/reference/");
    for (const link of extractLinks(readFileSync(file, "utf8"))) {
      if (citesOtherRepos && link.kind === "doc-path") continue;
      const why = checkLink(file, link, root);
      if (why !== undefined) broken.push({ file: name, line: link.line, target: link.target, why });
    }
  }
  return broken;
}
