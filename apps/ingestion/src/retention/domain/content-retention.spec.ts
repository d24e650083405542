import { blobsToDelete } from './content-retention';

describe('blobs a content retention run deletes', () => {
  const cutoff = new Date('2026-01-01T00:00:00Z');
  const old = new Date('2025-06-01T00:00:00Z');

  it('deletes a blob no remaining content refers to, once', () => {
    expect(
      blobsToDelete(
        [
          { sha256: 'a', stillReferenced: false, touchedAt: old },
          { sha256: 'a', stillReferenced: false, touchedAt: old },
        ],
        cutoff,
      ),
    ).toEqual(['a']);
  });

  it('keeps a blob another content (or a webhook delivery) still refers to', () => {
    expect(blobsToDelete([{ sha256: 'b', stillReferenced: true, touchedAt: old }], cutoff)).toEqual([]);
  });

  it('keeps a blob a fetch wrote or recognised after the cutoff', () => {
    expect(blobsToDelete([{ sha256: 'c', stillReferenced: false, touchedAt: new Date('2026-02-01T00:00:00Z') }], cutoff)).toEqual([]);
  });

  it('names a blob already gone (nothing to keep it for)', () => {
    expect(blobsToDelete([{ sha256: 'd', stillReferenced: false, touchedAt: null }], cutoff)).toEqual(['d']);
  });
});
