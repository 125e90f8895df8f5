// Station tests run the built station as a real child process: build it first if sources changed.
export default async function setup(): Promise<void> {
  if (process.env.EVENTDESK_SKIP_BUILD) return
  // @ts-expect-error plain .mjs helper shared with the npm scripts, no types
  const { buildIfStale } = (await import('../../scripts/build-if-stale.mjs')) as { buildIfStale: () => void }
  buildIfStale()
}
