// The graph's zoom bands. Far out, text and fine dash patterns are under a pixel on screen: labels
// are not drawn there and dashes are drawn longer, so that they stay dashes.

/**
 * Below this zoom edge labels (11 px) are under 5 px on screen: not in the document (EdgeLayer.tsx),
 * nor their hover targets, and edge dashes are drawn three times longer (styles.css, .gm-far).
 */
export const FAR_ZOOM = 0.45
/**
 * Below this zoom dashes eight times longer (styles.css, .gm-farther): a fitted graph of 1k routes sits
 * at ~0.07, where the near pattern is under a pixel and software raster spent most of an unfold's
 * time on its tiny segments (docs/benchmarks.md, "Fifth pass"). Nodes are drawn as boxes tinted with
 * their health there, without their text (under 2.4 px on screen).
 */
export const FARTHER_ZOOM = 0.2

/** The canvas's classes for a zoom. */
export function zoomBandClass(zoom: number): string {
  if (zoom < FARTHER_ZOOM) return 'gm-graph gm-far gm-farther'
  if (zoom < FAR_ZOOM) return 'gm-graph gm-far'
  return 'gm-graph'
}
