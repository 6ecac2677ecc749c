/**
 * Whether a navigation link points at the page being shown (or a page under
 * it): `/agencies/12` is under `/agencies`; the home link matches only `/`.
 */
export function isCurrentSection(currentPath: string, href: string) {
  const path = currentPath.split(/[?#]/, 1)[0]
  if (href === '/') return path === '/'
  return path === href || path.startsWith(`${href}/`)
}
