/**
 * The material around a lesson (teacher notes, worksheet), found by the lesson's entry id. Every
 * lesson must have both in both languages: the build fails otherwise, so later lessons fill the
 * same frame.
 */
import { getCollection, getEntry } from 'astro:content';
import { splitEntryId } from './routes.ts';

export async function lessonExtras(id: string) {
  const teacher = await getEntry('teacher', id);
  const worksheet = await getEntry('worksheets', id);
  if (!teacher) throw new Error(`content/teacher/${id}.mdx is missing: every lesson has teacher notes in both languages`);
  if (!worksheet) throw new Error(`content/worksheets/${id}.mdx is missing: every lesson has a worksheet in both languages`);
  return { teacher, worksheet };
}

/** getStaticPaths for a page per lesson and language (/<lang>/lessons/<slug>/…), with the lesson as a prop. */
export async function lessonPaths() {
  const lessons = await getCollection('lessons');
  return lessons.map((lesson) => ({ params: splitEntryId(lesson.id), props: { lesson } }));
}
