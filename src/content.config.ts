/**
 * Lessons and pages live outside src/ in content/<kind>/<lang>/<slug>.mdx. The entry id is
 * "<lang>/<slug>"; a test fails when a slug exists in one language only.
 */
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
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

/** A class plan: timed steps, each optionally naming the widget (by id on the lesson page) it uses. */
const plan = z.object({
  minutes: z.union([z.literal(45), z.literal(90)]),
  steps: z.array(z.object({ minutes: z.number().int().positive(), activity: z.string(), widget: z.string().optional() })).min(1),
});

/**
 * Teacher material: content/teacher/<lang>/<lesson-slug>.mdx. The frontmatter holds what every
 * lesson must give a teacher (objectives, a 45- and a 90-minute plan); the body holds the worked
 * answers to the lesson's exercises and notes for the class.
 */
const teacher = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/teacher' }),
  schema: z.object({
    title: z.string(),
    objectives: z.array(z.string()).min(1),
    prerequisites: z.array(z.string()).default([]),
    plans: z.array(plan).length(2).refine((p) => p.some((x) => x.minutes === 45) && p.some((x) => x.minutes === 90), 'one 45- and one 90-minute plan'),
  }),
});

/** A printable worksheet per lesson: content/worksheets/<lang>/<lesson-slug>.mdx. */
const worksheets = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content/worksheets' }),
  schema: z.object({ title: z.string(), summary: z.string() }),
});

/** One glossary entry in both languages, so a term cannot exist in one language only. */
const glossaryText = z.object({ term: z.string(), definition: z.string() });
const glossary = defineCollection({
  loader: file('./content/glossary/terms.yaml'),
  schema: z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    symbol: z.string().optional(),
    ja: glossaryText.extend({ reading: z.string().regex(/^[\u3041-\u309f\u30fc・ ]+$/, 'reading in hiragana') }),
    en: glossaryText,
    lessons: z.array(z.string()).default([]),
    see: z.array(z.string()).default([]),
  }),
});

export const collections = { lessons, pages, teacher, worksheets, glossary };
