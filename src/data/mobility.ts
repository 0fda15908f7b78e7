/** The 25 program days in order, for the mobility pages. */
import { getCollection, type CollectionEntry } from "astro:content";

export type ProgramDay = CollectionEntry<"mobility">;

export async function getProgram(): Promise<ProgramDay[]> {
  return (await getCollection("mobility")).sort((a, b) => a.data.day - b.data.day);
}
