import { describe, expect, it } from 'vitest';
import { BatchQueue } from './queue.js';

describe('the shared batch queue', () => {
  it('hands out every essay exactly once, in order, to threads claiming in turn', () => {
    const queue = BatchQueue.create(1000, 2);
    // A second view of the same memory, as a worker has it.
    const other = new BatchQueue(queue.shared, 1000, 2);
    const claimed: number[] = [];
    for (let turn = 0; ; turn++) {
      const batch = (turn % 2 === 0 ? queue : other).claim();
      if (!batch) break;
      for (let essay = batch.start; essay < batch.end; essay++) claimed.push(essay);
    }
    expect(claimed).toEqual(Array.from({ length: 1000 }, (_, essay) => essay));
  });

  it('gives smaller batches towards the end, so no thread waits long for another', () => {
    const queue = BatchQueue.create(200, 2);
    const sizes: number[] = [];
    for (let batch = queue.claim(); batch; batch = queue.claim())
      sizes.push(batch.end - batch.start);
    expect(sizes[0]).toBe(24);
    expect(sizes.at(-1)).toBeLessThanOrEqual(4);
  });

  it('stops every thread once one fails', () => {
    const queue = BatchQueue.create(100, 2);
    const other = new BatchQueue(queue.shared, 100, 2);
    expect(queue.claim()).toBeDefined();
    other.fail();
    expect(queue.claim()).toBeUndefined();
    expect(other.claim()).toBeUndefined();
  });
});
