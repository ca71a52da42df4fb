// The built web app the browser tests serve. scripts/test.sh builds web/dist; someone testing a
// change of their own beside another build (or several people on one machine) points
// $GATEMAP_TEST_WEB_DIR at `vite build --outDir DIR`'s output instead.
import path from 'node:path'

export const WEB_DIST = process.env.GATEMAP_TEST_WEB_DIR
  ? path.resolve(process.env.GATEMAP_TEST_WEB_DIR)
  : path.join(import.meta.dirname, '../../web/dist')
