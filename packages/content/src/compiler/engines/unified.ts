import type { Element, RootContent as HastContent, Root as HastRoot } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Nodes, Parent, Root, RootContent } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { toString as mdastText } from 'mdast-util-to-string';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { ContentIssue } from '../errors.js';
import type { Heading, InternalLink } from '../essay.js';
import { createHeadingIds, isOutlineDepth } from '../headings.js';
import { renderImage } from '../images.js';
import { classifyHref, externalLinkAttributes } from '../links.js';
import { anchorLinkHtml } from '../markup.js';
import { BodyPositions, type Position } from '../positions.js';
import {
  fenceLanguageColumn,
  footnoteIssue,
  imageIssue,
  indentedCodeIssue,
  isClosingTag,
  linkIssue,
  missingLanguage,
  rawHtmlIssue,
  taskBoxColumn,
  taskListIssue,
  unsupportedLanguage,
} from './shared-issues.js';
import type { MarkdownEngine, RenderedBody } from './types.js';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** The reference engine: remark for Markdown, mdast-util-to-hast for HTML. */
export const unifiedEngine: MarkdownEngine = {
  name: 'unified',
  render(input, highlighter) {
    const tree = parser.parse(input.body) as Root;
    const issues: ContentIssue[] = [];
    const headings: Heading[] = [];
    const links: InternalLink[] = [];
    const assets: string[] = [];
    const code: RenderedBody['code'] = [];
    const headingId = createHeadingIds();
    const positions = new BodyPositions(input.body, input.bodyLine);
    const lineOf = (node: Nodes) => input.bodyLine + (node.position?.start.line ?? 1) - 1;
    const startOf = (node: Nodes): Position => positions.at(node.position?.start.offset ?? 0);
    /** Where `text` (a URL) sits, searched from the node's own start. */
    const urlAt = (node: Nodes, text: string): Position =>
      positions.find(text, lineOf(node), node.position?.start.offset);
    const raw = (value: string): RootContent => ({ type: 'html', value });

    const visit = (parent: Parent): void => {
      parent.children = parent.children.flatMap((node): RootContent[] => {
        switch (node.type) {
          case 'heading': {
            const text = mdastText(node);
            const id = headingId(text);
            node.data = { hProperties: { id } };
            if (isOutlineDepth(node.depth)) headings.push({ depth: node.depth, id, text });
            visit(node);
            node.children.push(raw(anchorLinkHtml(id)) as never);
            return [node];
          }
          case 'code': {
            const lang = node.lang ?? '';
            const line = lineOf(node);
            code.push({ lang, meta: node.meta ?? '', value: node.value, line });
            const html = highlighter.highlight(node.value, lang || 'text');
            const fenced = /^\s*(?:```|~~~)/.test(positions.lineText(line));
            const at = { line, column: fenceLanguageColumn(positions.lineText(line)) };
            if (!fenced) issues.push(indentedCodeIssue(input.file, positions.find('', line)));
            else if (!lang) issues.push(missingLanguage(input.file, at));
            else if (html === undefined) issues.push(unsupportedLanguage(input.file, at, lang));
            return [raw(html ?? '')];
          }
          case 'html':
            // An element is one problem: its closing tag is not reported again.
            if (!isClosingTag(node.value))
              issues.push(rawHtmlIssue(input.file, startOf(node), node.value));
            return [];
          case 'footnoteReference':
            referenced.add(node.identifier);
            issues.push(footnoteIssue(input.file, startOf(node), node.label ?? node.identifier));
            return [];
          case 'footnoteDefinition':
            // A footnote is one problem, reported where it is referenced; only an unreferenced
            // definition is reported on its own.
            definitions.push(node);
            return [];
          case 'listItem':
            if (typeof node.checked === 'boolean') {
              const line = lineOf(node);
              const column = taskBoxColumn(positions.lineText(line));
              issues.push(taskListIssue(input.file, { line, column }));
            }
            visit(node);
            return [node];
          case 'paragraph': {
            const only = node.children.length === 1 ? node.children[0] : undefined;
            if (only?.type === 'image') return [image(only, true)];
            visit(node);
            return [node];
          }
          case 'image':
            return [image(node, false)];
          case 'link': {
            const target = classifyHref(node.url, input.slug);
            if (target.kind === 'external' || (target.kind === 'invalid' && target.external)) {
              node.data = {
                hProperties: {
                  className: [externalLinkAttributes.class],
                  rel: externalLinkAttributes.rel.split(' '),
                },
              };
            }
            if (target.kind === 'invalid') {
              const at = urlAt(node, node.url);
              issues.push(linkIssue(input.file, at, node.url, target.expected));
            } else if (target.kind === 'essay' || target.kind === 'anchor') {
              links.push({
                href: node.url,
                slug: target.kind === 'essay' ? target.slug : undefined,
                anchor: target.anchor,
                ...urlAt(node, node.url),
              });
            }
            visit(node);
            return [node];
          }
          default:
            if ('children' in node) visit(node);
            return [node];
        }
      }) as never;
    };

    const image = (node: Extract<Nodes, { type: 'image' }>, alone: boolean): RootContent => {
      const caption = node.title ?? undefined;
      const result = renderImage(input.dir, input.slug, node.url, node.alt ?? '', alone, caption);
      if (!result.ok) {
        issues.push(imageIssue(input.file, urlAt(node, node.url), result));
        return raw('');
      }
      assets.push(result.asset);
      return raw(result.html);
    };

    const referenced = new Set<string>();
    const definitions: Extract<Nodes, { type: 'footnoteDefinition' }>[] = [];
    visit(tree);
    for (const node of definitions)
      if (!referenced.has(node.identifier))
        issues.push(footnoteIssue(input.file, startOf(node), node.label ?? node.identifier));
    const hast = toHast(tree, { allowDangerousHtml: true }) as HastRoot;
    alignToData(hast);
    return {
      html: toHtml(hast, {
        allowDangerousHtml: true,
        characterReferences: { useNamedReferences: true },
      }).trim(),
      headings,
      links,
      assets,
      code,
      issues,
    };
  },
};

/** Table alignment as a data attribute: `align` is obsolete HTML and style needs a looser CSP. */
function alignToData(node: HastRoot | HastContent): void {
  if (node.type === 'element' && (node.tagName === 'th' || node.tagName === 'td')) {
    const cell = node as Element;
    const align = cell.properties.align;
    if (typeof align === 'string') {
      cell.properties.dataAlign = align;
      delete cell.properties.align;
    }
  }
  if ('children' in node) for (const child of node.children) alignToData(child);
}
