/** Words too common to say anything about which sentence answers a question. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  // English
  (
    "a an the and or but if then than so of to in on at by for from with about into over after before " +
    "under between through during without within since until up down out off again further once here there " +
    "is are was were be been being am do does did doing have has had having will would shall should can could " +
    "may might must i me my we our us you your he him his she her it its they them their this that these those " +
    "who whom whose what which where when why how all any both each few more most other some such no nor not " +
    "only own same too very just also s t don now yet ever per via what's who's where's it's " +
    "many much tell me please know anyone anybody someone something thing things say says said " +
    // German
    "der die das den dem des ein eine einen einem einer eines und oder aber wenn dann als so von zu im in an " +
    "am auf bei für aus mit über nach vor unter zwischen durch während ohne innerhalb seit bis ist sind war " +
    "waren sein gewesen wird werden wurde wurden hat haben hatte hatten kann können soll sollen muss ich mich " +
    "mir wir uns du dich dir er ihn ihm sie es ihr ihre ihren ihrem ihres sein seine seinen seinem seiner " +
    "dieser diese dieses diesen diesem jener wer wen wem wessen was welche welcher welches welchen welchem wo " +
    "wann warum wie wieso weshalb alle jede jeder jedes kein keine nicht nur auch sehr noch schon bereits " +
    "um zum zur ins vom beim darunter sowie dass daß sich man gibt es"
  ).split(" "),
);

/**
 * German stop words that are English words with a meaning ("war", "die", "man"): in English
 * text they are kept ("When did the war end?").
 */
const ENGLISH_WORDS = new Set(["war", "die", "man", "hat", "den"]);

/** True for a stop word of text in the given language. */
export function isStopword(lower: string, language: "en" | "de"): boolean {
  return STOPWORDS.has(lower) && !(language === "en" && ENGLISH_WORDS.has(lower));
}
