// The folder source's public face: what `gatemap serve --manifests DIR` constructs.
export { FolderSource, type FolderSourceOptions } from './folder-source.ts'
