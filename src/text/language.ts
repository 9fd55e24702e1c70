import { franc } from "franc-min";
import { isNumber, tokenWords } from "./tokenize.js";

/** The languages the bot reads and answers in. */
export type Language = "en" | "de";

// Function words that are frequent in one language and rare in the other. Short questions carry
// too few trigrams for a statistical guesser ("Who runs Acme?"), but almost always one of these.
const GERMAN = new Set(
  (
    "der die das den dem des ein eine einen einem einer und oder ist sind war waren wird werden wurde hat haben " +
    "wer wen wem wessen was wo wann wie warum wieso weshalb welche welcher welches welchen welchem woher wohin " +
    "nicht auch mit von für auf aus bei nach seit über unter zum zur im ins vom gibt es sich noch schon viele " +
    "wieviel wieviele leitet büro büros städten stadt unternehmen hilfe bitte kannst du dich mir"
  ).split(" "),
);
const ENGLISH = new Set(
  (
    "the a an and or is are was were will be been has have had who whom whose what where when how why which " +
    "not also with from for on of at by after since about under to into does did do there many much " +
    "leads office offices company city cities"
  ).split(" "),
);

/** Counts of each language's function words in a text, and its number of words. */
function functionWords(text: string): { de: number; en: number; words: number } {
  let de = /[äöüß]/i.test(text) ? 1 : 0;
  let en = 0;
  let words = 0;
  for (const w of tokenWords(text.toLowerCase())) {
    if (isNumber(w)) continue;
    words++;
    if (GERMAN.has(w)) de++;
    if (ENGLISH.has(w)) en++;
  }
  return { de, en, words };
}

/** A long text whose first this many characters lean this clearly one way is that language. */
const QUICK_SAMPLE = 400;
const QUICK_MARGIN = 8;

/** Guesses English or German; reliable on a three-word question as well as on an article. */
export function detectLanguage(text: string): Language {
  if (text.length > 2 * QUICK_SAMPLE) {
    // Most articles settle in their first sentences: look further only when they do not.
    const quick = functionWords(text.slice(0, QUICK_SAMPLE));
    if (Math.abs(quick.de - quick.en) >= QUICK_MARGIN) return quick.de > quick.en ? "de" : "en";
  }
  let { de, en, words } = functionWords(text);
  // Function words settle nearly every text; trigrams (franc) break the rare close call.
  if (words >= 20 && Math.abs(de - en) < Math.max(3, 0.1 * (de + en))) {
    const guess = franc(text.slice(0, 2000), { only: ["eng", "deu"], minLength: 10 });
    if (guess === "deu") de += words / 10;
    if (guess === "eng") en += words / 10;
  }
  return de > en ? "de" : "en";
}
