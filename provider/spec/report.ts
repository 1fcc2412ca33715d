/**
 * What `synovmm validate` prints, in three formats: text for people, JSON for tools, and GitHub
 * Actions workflow commands so a pull request shows each error on its line.
 */
import { quorumSize, toleratedHostFailures } from "../rules/quorum";
import type { LoadedSpec } from "./types";

export type ReportFormat = "text" | "json" | "github";

export interface Entry {
  file: string;
  line: number;
  col: number;
  /** Rule id (R5, REF…) or problem code (SCHEMA, SYNTAX…). */
  id: string;
  severity: "error" | "warning";
  path: string;
  message: string;
  fix: string;
}

export interface FileSummary {
  file: string;
  cluster?: string;
  hosts?: number;
  virtualMachines?: number;
  haPairs?: number;
  quorum?: number;
  toleratedHostFailures?: number;
}

export function entries(loaded: LoadedSpec): Entry[] {
  const problems: Entry[] = loaded.problems.map((p) => ({
    file: p.file,
    line: p.line,
    col: p.col,
    id: p.code,
    severity: "error",
    path: p.path,
    message: p.message,
    fix: p.fix,
  }));
  const findings: Entry[] = loaded.findings.map((f) => ({
    file: f.file,
    line: f.line,
    col: f.col,
    id: f.rule,
    severity: f.severity,
    path: f.path,
    message: f.message,
    fix: f.fix,
  }));
  return [...problems, ...findings].sort((a, b) => a.line - b.line || a.col - b.col);
}

export function summarize(loaded: LoadedSpec): FileSummary {
  const model = loaded.model;
  if (model === undefined) return { file: loaded.file };
  const hosts = model.hosts.length;
  return {
    file: loaded.file,
    cluster: model.name,
    hosts,
    virtualMachines: model.virtualMachines.length,
    haPairs: model.haPairs.length,
    quorum: quorumSize(hosts),
    toleratedHostFailures: toleratedHostFailures(hosts),
  };
}

function summaryLine(s: FileSummary, errors: number, warnings: number): string {
  const verdict = errors > 0 ? `${errors} error(s)` : "valid";
  const extra = warnings > 0 ? `, ${warnings} warning(s)` : "";
  if (s.hosts === undefined) return `${s.file}: unusable`;
  return (
    `${s.file}: ${verdict}${extra}: cluster "${s.cluster}", ${s.hosts} host(s), ${s.virtualMachines} VM(s), ` +
    `${s.haPairs} HA pair(s); quorum ${s.quorum} of ${s.hosts}, tolerates ${s.toleratedHostFailures} host failure(s)`
  );
}

export function formatText(loaded: LoadedSpec[]): string {
  const out: string[] = [];
  for (const spec of loaded) {
    const list = entries(spec);
    for (const e of list) {
      const where = e.line > 0 ? `${e.file}:${e.line}:${e.col}` : e.file;
      out.push(
        `${where}: ${e.severity} ${e.id}${e.path ? ` at ${e.path}` : ""}: ${e.message}`,
        `    fix: ${e.fix}`,
      );
    }
    const errors = list.filter((e) => e.severity === "error").length;
    out.push(summaryLine(summarize(spec), errors, list.length - errors));
  }
  return out.join("\n");
}

export function formatJson(loaded: LoadedSpec[], exitCode: number): string {
  const files = loaded.map((spec) => ({
    ...summarize(spec),
    unusable: spec.unusable,
    entries: entries(spec),
  }));
  return JSON.stringify({ exitCode, files }, null, 2);
}

/** GitHub workflow commands escape %, CR and LF in data, and also ':' and ',' in properties. */
const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

export function formatGithub(loaded: LoadedSpec[]): string {
  const out: string[] = [];
  for (const spec of loaded) {
    for (const e of entries(spec)) {
      const props = [`file=${escapeProperty(e.file)}`];
      if (e.line > 0) props.push(`line=${e.line}`, `col=${e.col}`);
      props.push(`title=${escapeProperty(e.path ? `${e.id} ${e.path}` : e.id)}`);
      out.push(`::${e.severity} ${props.join(",")}::${escapeData(`${e.message}\nfix: ${e.fix}`)}`);
    }
    const list = entries(spec);
    const errors = list.filter((e) => e.severity === "error").length;
    out.push(summaryLine(summarize(spec), errors, list.length - errors));
  }
  return out.join("\n");
}
