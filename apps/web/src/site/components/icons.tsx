// Icons drawn for the site: 24-unit grids, stroked in the text colour, hidden from assistive
// technology (every control that shows one also has a text label).
const stroke = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 1.8,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
} as const;

export function SearchIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" {...stroke}>
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5 20 20" />
    </svg>
  );
}

export function SystemThemeIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="icon icon-system" {...stroke}>
      <circle cx="12" cy="12" r="8" />
      <path d="M12 4a8 8 0 0 1 0 16z" fill="currentColor" />
    </svg>
  );
}

export function LightThemeIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="icon icon-light" {...stroke}>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4" />
    </svg>
  );
}

export function DarkThemeIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" className="icon icon-dark" {...stroke}>
      <path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z" />
    </svg>
  );
}

/** The site's mark: two lines of a note, the second one shorter. */
export function SiteMark() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" {...stroke} strokeWidth={2.2}>
      <rect x="3" y="3" width="18" height="18" rx="5" />
      <path d="M7.5 10h9M7.5 14.5h5.5" />
    </svg>
  );
}
