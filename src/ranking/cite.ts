import type { NameContext } from "../answer/names.js";
import type { Citation } from "../answer/types.js";
import { articleName } from "../corpus/load.js";
import type { Sentence } from "../corpus/types.js";
import type { CorpusIndex } from "../retrieval/index.js";
import type { Language } from "../text/language.js";
import { tokenize } from "../text/terms.js";

/** What citing and localising need. */
export interface CiteDeps {
  index: CorpusIndex;
  names: NameContext;
}

/** The citation of a whole sentence: its file, its article's name (title, headline or file name), verbatim text and offsets. */
export function citeSentence(s: Sentence, deps: CiteDeps): Citation {
  const article = deps.index.corpus.articles[s.article];
  return {
    source: article?.source ?? "",
    title: article ? articleName(article) : "",
    quote: s.text,
    start: s.start,
    end: s.end,
    language: s.language,
  };
}

/** Writes place names in the question's language: "Universität München" -> "Universität Munich" for an English question. */
export function localise(text: string, language: Language, deps: CiteDeps): string {
  const lexicon = deps.names.lexicon;
  const whole = lexicon.placeByAlias.get(text.toLowerCase());
  if (whole) return language === "de" ? whole.de : whole.en;
  let out = text;
  for (const t of tokenize(text).reverse()) {
    const place = lexicon.placeByAlias.get(t.word.toLowerCase());
    if (place && place.key.split(" ").length === 1) {
      out = out.slice(0, t.start) + (language === "de" ? place.de : place.en) + out.slice(t.end);
    }
  }
  return out;
}
