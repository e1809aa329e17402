import { statfsSync } from 'node:fs';

// statfs(2) magic numbers for the file systems these benchmarks meet.
const kinds: Record<number, string> = {
  16914836: 'tmpfs, in memory',
  61267: 'ext4, on disk',
  2435016766: 'btrfs, on disk',
  1481003842: 'xfs, on disk',
  2035054128: 'overlayfs',
};

/**
 * Which file system a benchmark writes to, for its header: creating thousands of files costs
 * ten to a hundred times more on a disk than in memory, so a figure means little without it.
 * `TMPDIR=/dev/shm` moves the benchmarks' folders into memory.
 */
export function storageOf(dir: string): string {
  const type = statfsSync(dir).type;
  return `${dir} (${kinds[type] ?? `file system type 0x${type.toString(16)}`})`;
}
