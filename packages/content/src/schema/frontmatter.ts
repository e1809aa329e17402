import { z } from 'zod';
import { tags } from './tags.js';

/** `YYYY-MM-DD` that names a real calendar day (no 2026-02-30). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, 'a real calendar date');

/**
 * The frontmatter every essay carries. Strict: an unknown key is an error, because a misspelt
 * `update:` would otherwise be silently ignored.
 */
export const frontmatterSchema = z
  .strictObject({
    title: z
      .string()
      .trim()
      .min(1, 'a non-empty title')
      .max(120, 'a title of at most 120 characters'),
    description: z
      .string()
      .trim()
      .min(1, 'a non-empty description')
      .max(160, 'a description of at most 160 characters'),
    date: isoDay,
    updated: isoDay.optional(),
    tags: z
      .array(z.enum(tags, `one of the known tags: ${tags.join(', ')}`))
      .min(1, 'at least one tag')
      .max(5, 'at most five tags')
      .refine((list) => new Set(list).size === list.length, 'each tag only once'),
    series: z.string().trim().min(1).max(60, 'a series name of at most 60 characters').optional(),
    draft: z.boolean().optional(),
  })
  .refine((fm) => fm.updated === undefined || fm.updated >= fm.date, {
    message: 'an updated date on or after the published date',
    path: ['updated'],
  });

export type Frontmatter = z.infer<typeof frontmatterSchema>;

/** Shown under every frontmatter error, so the fix is one copy away. */
export const frontmatterExample = `---
title: Status Is a Distributed System
description: Why a deployment's status is a value many components must agree on.
date: 2026-11-18
tags: [distributed-systems, platform]
---`;
