import MarkdownIt, { type Token } from 'markdown-it';
import type { ContentIssue } from '../errors.js';
import type { Heading, InternalLink } from '../essay.js';
import { createHeadingIds, isOutlineDepth } from '../headings.js';
import { renderImage } from '../images.js';
import { classifyHref, externalLinkAttributes } from '../links.js';
import { anchorLinkHtml } from '../markup.js';
import { BodyPositions } from '../positions.js';
import {
  fenceLanguageColumn,
  footnoteDefinition,
  footnoteIssue,
  footnoteReference,
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

/** The fast engine: about ten times quicker than unified on a typical essay, same HTML. */
export const markdownItEngine: MarkdownEngine = {
  name: 'markdown-it',
  render(input, highlighter) {
    const md = createParser();
    const issues: ContentIssue[] = [];
    const env = {};
    const tokens = md.parse(input.body, env);
    const headings: Heading[] = [];
    const links: InternalLink[] = [];
    const assets: string[] = [];
    const code: RenderedBody['code'] = [];
    const headingId = createHeadingIds();
    const positions = new BodyPositions(input.body, input.bodyLine);
    const lineOf = (token: Token | undefined) => input.bodyLine + (token?.map?.[0] ?? 0);
    // markdown-it has no footnotes and would publish "[^1]" as text: find them as GFM would, a
    // definition being a paragraph that starts "[^label]:", a reference "[^label]" elsewhere.
    const footnotes = new Map<string, { line: number; referenced: boolean }>();
    for (let i = 1; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const label =
        token.type === 'inline' ? footnoteDefinition.exec(token.content)?.[1] : undefined;
      if (label && tokens[i - 1]?.type === 'paragraph_open')
        footnotes.set(label.toLowerCase(), { line: lineOf(token), referenced: false });
    }

    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (token.type === 'heading_open') {
        const inline = tokens[i + 1];
        const text = inlineText(inline?.children ?? []);
        const id = headingId(text);
        token.attrSet('id', id);
        token.meta = { id };
        const depth = Number(token.tag.slice(1));
        if (isOutlineDepth(depth)) headings.push({ depth, id, text });
      } else if (token.type === 'fence') {
        const [lang = '', ...rest] = token.info.trim().split(/\s+/);
        const line = lineOf(token);
        code.push({ lang, meta: rest.join(' '), value: token.content, line });
        const at = { line, column: fenceLanguageColumn(positions.lineText(line)) };
        const html = highlighter.highlight(token.content.replace(/\n$/, ''), lang || 'text');
        if (!lang) issues.push(missingLanguage(input.file, at));
        else if (html === undefined) issues.push(unsupportedLanguage(input.file, at, lang));
        token.meta = { html: html ?? '' };
      } else if (token.type === 'code_block') {
        const line = lineOf(token);
        code.push({ lang: '', meta: '', value: token.content, line });
        issues.push(indentedCodeIssue(input.file, positions.find('', line)));
        token.meta = { html: highlighter.highlight(token.content.replace(/\n$/, ''), 'text') };
      } else if (token.type === 'html_block') {
        issues.push(rawHtmlIssue(input.file, positions.find('', lineOf(token)), token.content));
      } else if (token.type === 'paragraph_open') {
        const inline = tokens[i + 1];
        const only = inline?.children?.length === 1 ? inline.children[0] : undefined;
        if (only?.type === 'image') {
          // A paragraph holding one image becomes a figure instead of a paragraph.
          token.meta = { figure: true };
          (tokens[i + 2] as Token).meta = { figure: true };
        }
      } else if (token.type === 'inline') {
        const alone = tokens[i - 1]?.meta?.figure === true;
        const line = lineOf(token);
        const inItem =
          tokens[i - 2]?.type === 'list_item_open' || tokens[i - 1]?.type === 'list_item_open';
        if (inItem && /^\[[ xX]\](?:\s|$)/.test(token.content))
          issues.push(
            taskListIssue(input.file, {
              line,
              column: taskBoxColumn(positions.lineText(line)),
            }),
          );
        for (const child of token.children ?? []) {
          if (child.type === 'text' && footnotes.size > 0) {
            for (const [reference, label = ''] of child.content.matchAll(footnoteReference)) {
              const footnote = footnotes.get(label.toLowerCase());
              if (!footnote || (footnote.line === line && token.content.startsWith(reference)))
                continue;
              footnote.referenced = true;
              issues.push(footnoteIssue(input.file, positions.find(reference, line), label));
            }
          }
          if (child.type === 'link_open') {
            const href = String(child.attrGet('href') ?? '');
            const target = classifyHref(href, input.slug);
            if (target.kind === 'external' || (target.kind === 'invalid' && target.external)) {
              child.attrSet('class', externalLinkAttributes.class);
              child.attrSet('rel', externalLinkAttributes.rel);
            }
            if (target.kind === 'invalid') {
              const at = positions.find(sourceText(href), line);
              issues.push(linkIssue(input.file, at, href, target.expected));
            } else if (target.kind === 'essay' || target.kind === 'anchor') {
              const at = positions.find(sourceText(href), line);
              links.push({
                href,
                slug: target.kind === 'essay' ? target.slug : undefined,
                anchor: target.anchor,
                ...at,
              });
            }
          } else if (child.type === 'image') {
            const alt = inlineText(child.children ?? []);
            const src = String(child.attrGet('src') ?? '');
            const title = child.attrGet('title');
            const result = renderImage(input.dir, input.slug, src, alt, alone, title?.toString());
            if (result.ok) {
              assets.push(result.asset);
              child.meta = { html: result.html };
            } else {
              const at = positions.find(sourceText(src), line);
              issues.push(imageIssue(input.file, at, result));
              child.meta = { html: '' };
            }
          } else if (child.type === 'html_inline' && !isClosingTag(child.content)) {
            // An element is one problem: its closing tag is not reported again.
            const at = positions.find(child.content, line);
            issues.push(rawHtmlIssue(input.file, at, child.content));
          }
        }
      }
    }
    for (const [label, footnote] of footnotes)
      if (!footnote.referenced)
        issues.push(footnoteIssue(input.file, positions.find(`[^`, footnote.line), label));
    return {
      html: md.renderer.render(tokens, md.options, env).trim(),
      headings,
      links,
      assets,
      code,
      issues,
    };
  },
};

/** markdown-it percent-encodes a destination; the writer typed it decoded. */
function sourceText(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/** Reads what the walk stored on a token for the renderer. */
function metaText(token: Token | undefined, key: string): string {
  const value = token?.meta?.[key];
  return typeof value === 'string' ? value : '';
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function inlineText(children: Token[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content;
    else if (child.type === 'image') text += inlineText(child.children ?? []);
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' ';
  }
  return text;
}

type Parser = ReturnType<typeof MarkdownIt>;

let cached: Parser | undefined;

function createParser(): Parser {
  if (cached) return cached;
  const md = new MarkdownIt('default', {
    html: true,
    linkify: true,
    typographer: false,
    xhtmlOut: false,
  });
  // GFM links bare addresses only when they start with www. (or a scheme). linkify-it's fuzzy
  // mode would also link any word.tld and costs a third of the render time, so it is off and
  // www. is taught as a schema of its own, validated by the host-and-path rule of `//` links.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.linkify.add('www.', {
    validate(text, pos, self) {
      const hostAndPath = self.re.get_relative_proto_validator();
      hostAndPath.lastIndex = pos;
      return hostAndPath.exec(text)?.[0].length ?? 0;
    },
    normalize(match) {
      match.url = `http://${match.url}`;
    },
  });
  const rules = md.renderer.rules;
  // Escape text as hast-util-to-html does (only & and <), so both engines emit identical bytes.
  rules.text = (tokens, idx) => escapeText(tokens[idx]?.content ?? '');
  rules.code_inline = (tokens, idx) => `<code>${escapeText(tokens[idx]?.content ?? '')}</code>`;
  rules.fence = (tokens, idx) => `${metaText(tokens[idx], 'html')}\n`;
  rules.code_block = rules.fence;
  rules.image = (tokens, idx) => metaText(tokens[idx], 'html');
  rules.html_block = () => '';
  rules.html_inline = () => '';
  // GFM strikethrough is <del>, as unified renders it; markdown-it defaults to <s>.
  rules.s_open = () => '<del>';
  rules.s_close = () => '</del>';
  rules.heading_close = (tokens, idx) => {
    const open = tokens[idx - 2];
    return `${anchorLinkHtml(metaText(open, 'id'))}</${tokens[idx]?.tag}>\n`;
  };
  const paragraphOpen = rules.paragraph_open;
  const paragraphClose = rules.paragraph_close;
  rules.paragraph_open = (tokens, idx, options, env, self) =>
    tokens[idx]?.meta?.figure
      ? ''
      : paragraphOpen
        ? paragraphOpen(tokens, idx, options, env, self)
        : self.renderToken(tokens, idx, options);
  rules.paragraph_close = (tokens, idx, options, env, self) =>
    tokens[idx]?.meta?.figure
      ? '\n'
      : paragraphClose
        ? paragraphClose(tokens, idx, options, env, self)
        : self.renderToken(tokens, idx, options);
  // Table alignment as a data attribute: style attributes would need a looser CSP.
  for (const cell of ['th_open', 'td_open'] as const) {
    rules[cell] = (tokens, idx, options, _env, self) => {
      const token = tokens[idx] as Token;
      const style = token.attrGet('style');
      const align = style === null ? undefined : /text-align:(\w+)/.exec(String(style))?.[1];
      if (style !== null) token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      if (align) token.attrSet('data-align', align);
      return self.renderToken(tokens, idx, options);
    };
  }
  cached = md;
  return md;
}
