import { readFileSync } from 'node:fs';

/** A row of docs/api.md's "Routes" table: `METHOD /path/:param` (Express's form) and its roles column. */
export interface DocumentedRoute {
  route: string;
  roles: string;
}

export const API_MD = new URL('../../docs/api.md', import.meta.url);

/** The rows of the "Routes" table: `| \`GET /api/x/{id}\` | roles | what |`, with `{id}` written as `:id`. */
export function documentedRoutes(markdown = readFileSync(API_MD, 'utf8')): DocumentedRoute[] {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Routes\n')) ?? '';
  const rows: DocumentedRoute[] = [];
  for (const line of section.split('\n')) {
    const match = /^\| `(GET|POST|PUT|PATCH|DELETE) ([^`]+)` \| ([^|]+) \|/.exec(line);
    if (match) rows.push({ route: `${match[1]} ${match[2].replace(/\{(\w+)\}/g, ':$1')}`, roles: match[3].trim() });
  }
  return rows;
}
