/** The ways to turn a text into embeddings (no runtime imports: the protocol and the extension host use it). */
export const POOLINGS = ['tokens', 'pooler', 'mean'] as const;
export type Pooling = (typeof POOLINGS)[number];
