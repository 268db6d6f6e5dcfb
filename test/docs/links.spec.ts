import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository stands on its own: every relative link in README.md, CONTRIBUTING.md, CHANGELOG.md
 * and docs/*.md reaches a file (or folder) inside it, and a `#fragment` into a Markdown file names one
 * of its headings.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join(ROOT, 'docs', name));
  return [join(ROOT, 'README.md'), join(ROOT, 'CONTRIBUTING.md'), join(ROOT, 'CHANGELOG.md'), ...docs];
}

/** Link targets of `[text](target)` and `![alt](target)`, outside fenced code blocks. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => match[1]);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const prose = markdown.replace(/```[\s\S]*?```/g, '');
  const anchors = new Set<string>();
  for (const match of prose.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(match[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
  }
  return anchors;
}

const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

describe('links in README.md, CONTRIBUTING.md, CHANGELOG.md and docs/*.md', () => {
  const files = markdownFiles();

  it('finds the documents', () => {
    expect(files.map((file) => relative(ROOT, file))).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'docs/api.md', 'docs/rules.md', 'docs/architecture.md']));
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s: every relative link resolves inside the repository', (_, file) => {
    const markdown = readFileSync(file, 'utf8');
    const broken: string[] = [];
    for (const target of linksOf(markdown)) {
      if (isExternal(target)) continue;
      const [pathPart, fragment] = target.split('#');
      const path = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
      if (!path.startsWith(ROOT + '/') && path !== ROOT) {
        broken.push(`${target} points outside the repository — copy what it needs into docs/ and link that`);
        continue;
      }
      if (!existsSync(path)) {
        broken.push(`${target} does not exist (${relative(ROOT, path)})`);
        continue;
      }
      if (fragment && path.endsWith('.md') && statSync(path).isFile() && !anchorsOf(readFileSync(path, 'utf8')).has(fragment)) {
        broken.push(`${target}: no heading #${fragment} in ${relative(ROOT, path)}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names nothing beside the repository (../shared and the like) even outside links', () => {
    const outside = files.filter((file) => /\.\.\/shared\//.test(readFileSync(file, 'utf8'))).map((file) => relative(ROOT, file));
    expect(outside).toEqual([]);
  });
});
