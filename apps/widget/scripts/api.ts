/**
 * Everything the package says about its own interface, generated from the tables in
 * src/options.ts and src/events.ts: the `.d.ts` for DOM, React and Solid hosts, the Custom
 * Elements Manifest and the README's options table. `finish-build.ts` writes them; a test holds
 * the README to the table.
 */
(globalThis as { __DOCS__?: boolean }).__DOCS__ = true;
const { optionTable } = await import('../src/options.js');
const { eventTable } = await import('../src/events.js');
type Option = import('../src/options.js').Option;

const options = Object.values(optionTable) as Option[];

export const parts = {
  container:
    'Wraps heading and list. It is `display: contents`, so they lay out as the fallback did; give it `display: block` to style it as a box.',
  heading: 'The heading.',
  list: 'The ordered list.',
  item: 'One essay.',
  link: 'The essay’s link.',
  date: 'The essay’s date.',
};
export const cssProperties = {
  '--latest-essays-link': 'Link colour.',
  '--latest-essays-muted': 'Date colour.',
  '--latest-essays-background': 'Background with `theme="light"` or `"dark"`.',
  '--latest-essays-indent':
    'List indent; without it the list keeps the indent the host gives the fallback (40px by default).',
};

/** The TypeScript type an attribute accepts in markup. */
function attributeType(option: Option): string {
  switch (option.kind) {
    case 'integer':
      return option.max - option.min <= 8
        ? (() => {
            const values = Array.from(
              { length: option.max - option.min + 1 },
              (_, i) => option.min + i,
            );
            return `${values.join(' | ')} | \`\${${values.join(' | ')}}\``;
          })()
        : `number | \`\${number}\``;
    case 'enum':
      return option.values.map((value) => `'${value}'`).join(' | ');
    case 'boolean':
      return "boolean | ''";
    default:
      return 'string';
  }
}

/** The range or allowed values, in words, when the option has one. */
function range(option: Option): string {
  if (option.kind === 'integer') return `${option.min} to ${option.max}`;
  if (option.kind === 'enum') return option.values.map((value) => `\`${value}\``).join(', ');
  if (option.kind === 'text' && option.max) return `up to ${option.max} characters`;
  return '';
}

function defaultText(option: Option): string {
  if (option.kind === 'boolean') return 'absent';
  return option.default === '' ? '' : String(option.default);
}

const doc = (option: Option) => {
  const facts = [
    range(option) && `Range: ${range(option)}.`,
    defaultText(option) && `Default: ${defaultText(option)}.`,
  ];
  return `${option.description} ${facts.filter(Boolean).join(' ')}`.trim();
};

const detailType = (key: keyof typeof eventTable) =>
  `Latest${key === 'load' ? 'EssaysLoad' : 'EssaysError'}Event`;

export function typesDts(): string {
  const attributes = options
    .map((option) => `  /** ${doc(option)} */\n  '${option.name}'?: ${attributeType(option)};`)
    .join('\n');
  const eventTypes = (Object.keys(eventTable) as (keyof typeof eventTable)[])
    .map(
      (key) =>
        `/** \`${eventTable[key].name}\`: ${eventTable[key].description} */\nexport type ${detailType(key)} = CustomEvent<${eventTable[key].detail}>;`,
    )
    .join('\n');
  const map = (Object.keys(eventTable) as (keyof typeof eventTable)[])
    .map((key) => `  '${eventTable[key].name}': ${detailType(key)};`)
    .join('\n');
  const listener = (verb: 'add' | 'remove', options: string) =>
    `  ${verb}EventListener<K extends keyof LatestEssaysEventMap>(
    type: K,
    listener: (this: LatestEssaysElement, event: LatestEssaysEventMap[K]) => unknown,
    options?: boolean | ${options},
  ): void;
  ${verb}EventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | ${options},
  ): void;`;
  // One property per attribute, reflecting it (Solid sets properties on custom elements).
  const accessors = options
    .map((option) => {
      const property = option.name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
      const [get, set] =
        option.kind === 'boolean'
          ? ['boolean', 'boolean']
          : ['string | null', `${attributeType(option)} | null`];
      return `  /** Reflects the \`${option.name}\` attribute. ${doc(option)} */\n  get ${property}(): ${get};\n  set ${property}(value: ${set});`;
    })
    .join('\n');
  return `// Generated from src/options.ts and src/events.ts by scripts/api.ts; do not edit.

/** The element's attributes, for typed markup in any framework. */
export interface LatestEssaysAttributes {
${attributes}
}

${eventTypes}

/** The element's events, for \`addEventListener\`. */
export interface LatestEssaysEventMap extends HTMLElementEventMap {
${map}
}

/** \`<latest-essays>\`, the element this package defines on import. */
export declare class LatestEssaysElement extends HTMLElement {
${accessors}
${listener('add', 'AddEventListenerOptions')}
${listener('remove', 'EventListenerOptions')}
}

declare global {
  interface HTMLElementTagNameMap {
    'latest-essays': LatestEssaysElement;
  }
}
`;
}

const eventImports = (Object.keys(eventTable) as (keyof typeof eventTable)[]).map(detailType);

export function reactDts(): string {
  const handlers = (Object.keys(eventTable) as (keyof typeof eventTable)[])
    .map(
      (key) =>
        `  /** \`${eventTable[key].name}\`: ${eventTable[key].description} */\n  'on${eventTable[key].name}'?: (event: ${detailType(key)}) => void;`,
    )
    .join('\n');
  return `// Generated by scripts/api.ts. React 19 JSX for <latest-essays>:
// \`import type {} from '@working-notes/widget/react'\`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LatestEssaysAttributes, LatestEssaysElement, ${eventImports.join(', ')} } from './types.js';

/**
 * React 19 hands an \`on…\` prop on a custom element to \`addEventListener\` under the rest of its
 * name, except for names it reserves for its own events: \`onLoad\` and \`onError\` never fire here,
 * so they are left out and a handler written with them is a type error.
 */
export interface LatestEssaysEventProps {
${handlers}
}

export type LatestEssaysProps = Omit<
  DetailedHTMLProps<HTMLAttributes<LatestEssaysElement>, LatestEssaysElement>,
  'onLoad' | 'onLoadCapture' | 'onError' | 'onErrorCapture'
> &
  LatestEssaysAttributes &
  LatestEssaysEventProps;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'latest-essays': LatestEssaysProps;
    }
  }
}
`;
}

export function solidDts(): string {
  const events = (Object.keys(eventTable) as (keyof typeof eventTable)[])
    .map((key) => `      '${eventTable[key].name}': ${detailType(key)};`)
    .join('\n');
  return `// Generated by scripts/api.ts. Solid JSX for <latest-essays>:
// \`import type {} from '@working-notes/widget/solid'\`. Listen with \`on:latest-essays-load\`.
import type { JSX } from 'solid-js';
import type { LatestEssaysAttributes, LatestEssaysElement, ${eventImports.join(', ')} } from './types.js';

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
      'latest-essays': JSX.HTMLAttributes<LatestEssaysElement> & LatestEssaysAttributes;
    }
    interface CustomEvents {
${events}
    }
  }
}
`;
}

/** The Custom Elements Manifest (schema 2.1.0), naming the module that is in the tarball. */
export function manifest(version: string): string {
  const module = 'dist/latest-essays.js';
  const cssType = (option: Option) =>
    option.kind === 'integer'
      ? 'number'
      : option.kind === 'boolean'
        ? 'boolean'
        : option.kind === 'enum'
          ? option.values.map((v) => `"${v}"`).join(' | ')
          : 'string';
  return `${JSON.stringify(
    {
      schemaVersion: '2.1.0',
      readme: 'README.md',
      modules: [
        {
          kind: 'javascript-module',
          path: module,
          declarations: [
            {
              kind: 'class',
              name: 'LatestEssaysElement',
              tagName: 'latest-essays',
              customElement: true,
              description: `The newest Working Notes essays, in a shadow root, over fallback links that stay whenever anything fails (version ${version}).`,
              superclass: { name: 'HTMLElement' },
              attributes: options.map((option) => ({
                name: option.name,
                type: { text: cssType(option) },
                ...(defaultText(option) && {
                  default: option.kind === 'boolean' ? 'false' : JSON.stringify(option.default),
                }),
                description: doc(option),
              })),
              events: (Object.keys(eventTable) as (keyof typeof eventTable)[]).flatMap((key) => [
                {
                  name: eventTable[key].name,
                  type: { text: `CustomEvent<${eventTable[key].detail}>` },
                  description: eventTable[key].description,
                },
                {
                  name: eventTable[key].legacy,
                  type: { text: `CustomEvent<${eventTable[key].detail}>` },
                  description: eventTable[key].description,
                  deprecated: `Use ${eventTable[key].name}; \`${eventTable[key].legacy}\` is fired until 0.3.0, and React cannot listen to it.`,
                },
              ]),
              cssParts: Object.entries(parts).map(([name, description]) => ({ name, description })),
              cssProperties: Object.entries(cssProperties).map(([name, description]) => ({
                name,
                description,
              })),
              members: [],
            },
          ],
          exports: [
            {
              kind: 'js',
              name: 'LatestEssaysElement',
              declaration: { name: 'LatestEssaysElement', module },
            },
            {
              kind: 'custom-element-definition',
              name: 'latest-essays',
              declaration: { name: 'LatestEssaysElement', module },
            },
          ],
        },
      ],
    },
    null,
    2,
  )}\n`;
}

/** The README's options table, between its `<!-- options -->` markers. */
export function optionsTable(): string {
  const rows = options.map((option) => [
    `\`${option.name}\``,
    defaultText(option) && `\`${defaultText(option)}\``,
    range(option),
    option.description,
  ]);
  const header = ['attribute', 'default', 'range', 'what it does'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join(
    '\n',
  );
}
