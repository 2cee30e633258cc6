/**
 * Copies the reference sections of the repository's README.md (the policy, the default lists, the
 * detectors, request scopes…) into packages/core/README.md, between its START and END markers, so
 * that the README on npm stands alone. Links to files of the repository, which the package does
 * not hold, become plain text.
 *
 *   node packages/core/scripts/sync-readme.mjs           rewrites packages/core/README.md
 *   node packages/core/scripts/sync-readme.mjs --check   exits 1 if it is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The `## ` sections of the root README that core's README carries, by the start of their title. */
export const SECTIONS = ['Standalone use', 'Request scopes', 'The policy', 'Default lists', 'Detectors', 'What hushlog cannot promise'];
export const START = '<!-- The sections below are copied from the repository README by `npm run readme:core`: edit them there. -->';
export const END = '<!-- End of the copied sections. -->';

/** `[text](target)` → `text` when the target is a file of the repository (not a URL or an anchor). */
function unlinkRepositoryFiles(markdown) {
  return markdown.replace(/\[([^[\]\n]+)\]\(([^()\s]+)\)/g, (link, text, target) => (/^(?:https?:|#)/.test(target) ? link : text));
}

/**
 * The `## ` section of `markdown` whose title starts with `title`, through the line before the
 * next `## ` heading (code blocks skipped).
 */
function section(markdown, title) {
  const lines = markdown.split('\n');
  let start = -1;
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced || !line.startsWith('## ')) continue;
    if (start !== -1) return lines.slice(start, i).join('\n').trimEnd();
    if (line.slice(3).startsWith(title)) start = i;
  }
  if (start === -1) throw new Error(`README.md has no "## ${title}" section`);
  return lines.slice(start).join('\n').trimEnd();
}

/** Core's README with its copied sections taken afresh from the root README. */
export function syncedReadme(rootReadme, coreReadme) {
  const from = coreReadme.indexOf(START);
  const to = coreReadme.indexOf(END);
  if (from === -1 || to < from) throw new Error('packages/core/README.md lacks the START and END markers');
  const copied = SECTIONS.map((title) => unlinkRepositoryFiles(section(rootReadme, title))).join('\n\n');
  return `${coreReadme.slice(0, from + START.length)}\n\n${copied}\n\n${coreReadme.slice(to)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rootPath = fileURLToPath(new URL('../../../README.md', import.meta.url));
  const corePath = fileURLToPath(new URL('../README.md', import.meta.url));
  const current = readFileSync(corePath, 'utf8');
  const next = syncedReadme(readFileSync(rootPath, 'utf8'), current);
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('packages/core/README.md is out of date: run npm run readme:core');
      process.exit(1);
    }
  } else if (next !== current) writeFileSync(corePath, next);
}
