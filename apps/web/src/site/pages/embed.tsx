import { type PostMeta, site } from '@working-notes/content';
import {
  channelScriptPath,
  fallbackHtml,
  snippet,
  type WidgetBuild,
  widgetAttributes,
} from '../widget.js';

/** Backticked words in the widget's descriptions are code. */
function prose(text: string) {
  return text.split(/`([^`]+)`/).map((part, i) => (i % 2 ? <code key={part}>{part}</code> : part));
}

export function EmbedPage({ posts, build }: { posts: readonly PostMeta[]; build: WidgetBuild }) {
  return (
    <div className="page">
      <h1>Embed the latest essays</h1>
      <p>
        Paste this where the list should appear. The links inside the element are real HTML: readers
        without JavaScript, and any page where the script cannot run, still see them.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the snippet scrolls sideways, and keyboard users must reach it (axe: scrollable-region-focusable). */}
      <pre className="code snippet" data-lang="html" tabIndex={0}>
        <code>{snippet(posts, build)}</code>
      </pre>
      <p>
        The script is {build.version}, pinned with a Subresource Integrity hash. To always get the
        newest version instead, use <code>{`${site.url}${channelScriptPath}`}</code> without the
        integrity attribute.
      </p>
      <h2>Preview</h2>
      <div className="embed-preview">
        <latest-essays
          static=""
          heading-level="3"
          dangerouslySetInnerHTML={{ __html: fallbackHtml(posts, 3) }}
        />
      </div>
      <h2>Options</h2>
      <table className="options">
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">What it does</th>
          </tr>
        </thead>
        <tbody>
          {widgetAttributes().map((attribute) => (
            <tr key={attribute.name}>
              <td>
                <code>{attribute.name}</code>
              </td>
              <td>{prose(attribute.description)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Styling</h2>
      <p>
        The list inherits your font and colours. Adjust it with the custom properties{' '}
        <code>--latest-essays-link</code>, <code>--latest-essays-muted</code>,{' '}
        <code>--latest-essays-background</code> and <code>--latest-essays-indent</code>, or style
        its parts: <code>latest-essays::part(link)</code>, and likewise <code>heading</code>,{' '}
        <code>list</code>, <code>item</code> and <code>date</code>. It fires{' '}
        <code>latest-essays-load</code> and <code>latest-essays-error</code> events (in React 19,{' '}
        <code>onlatest-essays-load</code>) and sets <code>data-state</code> to loading, ready or
        error.
      </p>
    </div>
  );
}
