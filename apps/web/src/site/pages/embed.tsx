import { type PostMeta, site } from '@working-notes/content';
import { channelScriptPath, fallbackHtml, snippet, type WidgetBuild } from '../widget.js';

const attributes: [string, string][] = [
  ['count', 'How many essays, 1 to 20. Default 5.'],
  ['tag', 'Only essays with this tag, such as kubernetes.'],
  ['heading-level', 'The heading level, 2 to 6, so the list fits your outline. Default 2.'],
  ['label', 'The heading text. Default “Latest essays”.'],
  ['theme', 'auto (inherit your colours), light or dark. Default auto.'],
  ['static', 'Show the essays already in the element, with no network request.'],
  ['src', `The data URL. Default ${site.url}/widget/latest.json.`],
  ['timeout', 'Milliseconds before the request is abandoned, 1000 to 30000. Default 8000.'],
];

export function EmbedPage({ posts, build }: { posts: readonly PostMeta[]; build: WidgetBuild }) {
  return (
    <div className="page">
      <h1>Embed the latest essays</h1>
      <p>
        Paste this where the list should appear. The links inside the element are real HTML: readers
        without JavaScript, and any page where the script cannot run, still see them.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the snippet scrolls sideways, and keyboard users must reach it (axe: scrollable-region-focusable). */}
      <pre className="code snippet" tabIndex={0}>
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
          dangerouslySetInnerHTML={{ __html: fallbackHtml(posts).replace(/<(\/?)h2>/g, '<$1h3>') }}
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
          {attributes.map(([name, text]) => (
            <tr key={name}>
              <td>
                <code>{name}</code>
              </td>
              <td>{text}</td>
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
        <code>list</code>, <code>item</code> and <code>date</code>. It fires <code>load</code> and{' '}
        <code>error</code> events and sets <code>data-state</code> to loading, ready or error.
      </p>
    </div>
  );
}
