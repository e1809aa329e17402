import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tags } from '../src/schema/tags.js';

const vocabulary =
  'system queue worker lease status deploy cluster node volume replica latency budget retry backoff idempotent reconcile desired observed state event outbox ledger invoice tenant request response cache shard partition leader follower snapshot restore migration schema index query planner lock timeout deadline trace metric alert incident hypothesis evidence timeline rollback canary release feature flag contract boundary module interface adapter handler pipeline stream buffer batch window token bucket limiter throughput capacity headroom'.split(
    ' ',
  );
const glue = 'the a of to and in that is for with on as it by when which but not or'.split(' ');

/** A small deterministic generator, so every run benchmarks the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return state / 0x100000000;
  };
}

function sentence(next: () => number): string {
  const words: string[] = [];
  const length = 10 + Math.floor(next() * 12);
  for (let i = 0; i < length; i++) {
    const pool = i % 3 === 1 ? glue : vocabulary;
    words.push(pool[Math.floor(next() * pool.length)] ?? 'system');
  }
  const text = words.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

/** About 850 words: four sections of paragraphs, inline code, a link, one fenced block. */
export function syntheticEssay(index: number): string {
  const next = random(index + 1);
  const day = new Date(Date.UTC(2020, 0, 1) + index * 3_600_000 * 7).toISOString().slice(0, 10);
  const tag = tags[index % tags.length];
  const parts = [
    '---',
    `title: Synthetic essay number ${index}`,
    `description: Generated essay ${index} for the content compiler benchmark.`,
    `date: ${day}`,
    `tags: [${tag}]`,
    '---',
    '',
  ];
  for (let section = 0; section < 4; section++) {
    parts.push(`## Section ${section + 1}: ${sentence(next).slice(0, 40).replace(/\W+$/, '')}`, '');
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      const sentences = Array.from({ length: 4 }, () => sentence(next));
      sentences[1] = `${sentences[1]} See \`lease.renew()\` and [the notes](https://example.com/notes/${index}).`;
      parts.push(sentences.join(' '), '');
    }
    if (section === 1) {
      parts.push(
        '```ts',
        `export async function renew${index}(lease: { id: string; expiresAt: number }, now: number): Promise<boolean> {`,
        '  if (lease.expiresAt <= now) return false;',
        `  lease.expiresAt = now + ${1000 + index};`,
        '  return true;',
        '}',
        '```',
        '',
      );
    }
  }
  return parts.join('\n');
}

export function writeCorpus(dir: string, count: number): void {
  for (let i = 0; i < count; i++) {
    const folder = join(dir, `synthetic-${String(i).padStart(5, '0')}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'index.md'), syntheticEssay(i));
  }
}
