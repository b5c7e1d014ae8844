/**
 * Lessons and pages live outside src/ in content/<kind>/<lang>/<slug>.mdx. The entry id is
 * "<lang>/<slug>"; a test fails when a slug exists in one language only.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const reference = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  authors: z.string(),
  title: z.string(),
  venue: z.string(),
  year: z.number().int(),
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/).optional(),
  url: z.url().optional(),
  isbn: z.string().optional(),
});

const lessons = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/lessons' }),
  schema: z.object({
    title: z.string(),
    summary: z.string(),
    level: z.enum(['outreach', 'course', 'research']),
    order: z.number().int(),
    readingTime: z.number().int().positive(),
    references: z.array(reference).default([]),
  }),
});

const pages = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/pages' }),
  schema: z.object({ title: z.string(), summary: z.string() }),
});

export const collections = { lessons, pages };
