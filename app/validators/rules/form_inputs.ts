/*
 * What HTML forms send, read as the values they stand for: an unticked
 * checkbox sends nothing (false), a multiple select or a group of checkboxes
 * sends one value, several or none (always a list).
 */
import vine from '@vinejs/vine'

/** A checkbox: true when ticked (1, on, true), false when unticked (absent). */
export const checkbox = () => vine.boolean().parse((value) => value ?? false)

/** One value, several or none, as a list. */
export function asList(value: unknown) {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}
