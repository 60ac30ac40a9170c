/*
 * respub: search in the page's language, with Pagefind, behind material's own search box.
 *
 * Material runs its search in a web worker and talks to it with four messages (SETUP, READY, QUERY,
 * RESULT: see material's src/templates/assets/javascripts/integrations/search/worker/message). This
 * file is such a worker: material's search box, result list, keyboard and on-page highlighting work
 * as before, and the answers come from Pagefind's index for the page's language (`?lang=fr` in this
 * worker's address, written into every page's config by overrides/main.html, with `&in=<slug>` on a
 * resolution's pages). Nothing is loaded before the first query; then Pagefind fetches only the index
 * fragments it needs, and one small fragment per result: material counts the results it is given, so
 * it is given every one and the count it shows is true.
 *
 * A query that names a paragraph ("op5", "paragraphe 5 du dispositif") leads straight to it. The grammar
 * is not written here: it is respub.publish.references, read from pagefind/respub/<lang>.json (patterns,
 * their groups, the sub-paragraph label), applied here exactly as `resolve` applies it in Python
 * (tests/test_search.py runs both on the same cases); the paragraph is read from
 * pagefind/respub/<lang>/<id>.json (respub.publish.search.reference_files): such a query does not even
 * load Pagefind.
 */
"use strict"

const EXCERPT_WORDS = 24

/* ---------------------------------------------------------------------------------------------
 * References: respub.publish.references.normalize and .resolve, in JavaScript, on its grammar
 * ------------------------------------------------------------------------------------------- */

const ARABIC_INDIC = /[\u0660-\u0669\u06f0-\u06f9]/g

function fold(char) {
  return char
    .normalize("NFKD")
    .replace(/[\p{M}\u0640]/gu, "")
    .toLowerCase()
    .replace(ARABIC_INDIC, d => String((d.charCodeAt(0) & 0xf) % 10))
}

function normalize(query) {
  let out = ""
  for (const char of query) out += fold(char)
  return out
}

/* The paragraph a query names, as {id: "op3-a", page: "op3", rest: "other words"}, or null.
   `grammar` is respub.publish.references.grammar(lang): {references, groups, subparagraph}. */
function resolve(query, grammar) {
  const { references, groups, subparagraph } = grammar
  const folded = []
  const origin = [] // index in `query` (UTF-16) of each folded UTF-16 unit
  let index = 0
  for (const char of query) {
    for (const unit of fold(char).split("")) {
      folded.push(unit)
      origin.push(index)
    }
    index += char.length
  }
  const text = folded.join("")
  for (const [kind, source] of references) {
    const match = new RegExp(source, "du").exec(text)
    if (!match) continue
    const number = parseInt(match[groups.number], 10)
    const subs = match[groups.subparagraphs].match(new RegExp(subparagraph, "gu")) || []
    const page = `${kind}${number}`
    const [start, end] = match.indices[groups.reference]
    const originalStart = origin[start]
    const originalEnd = end < origin.length ? origin[end] : query.length
    const rest = `${query.slice(0, originalStart)} ${query.slice(originalEnd)}`.split(/\s+/).filter(Boolean).join(" ")
    return { id: [page, ...subs].join("-"), page, rest }
  }
  return null
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { fold, normalize, resolve }
} else {
  worker()
}

/* ---------------------------------------------------------------------------------------------
 * The worker
 * ------------------------------------------------------------------------------------------- */

function worker() {
  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 // material's SearchMessageType
  const here = new URL(self.location.href)
  const lang = here.searchParams.get("lang") || "en"
  const current = here.searchParams.get("in") // the resolution of the page, if any
  const bundle = new URL("../pagefind/", here) // this file is served from <site>/assets/
  let data = null // the reference grammar and the paragraph ids for the language, read at the first query
  let pagefind = null // Pagefind, loaded at the first query that is not a reference
  let latest = "" // the last query: results of an earlier one that come later are dropped

  function loadData() {
    if (!data)
      data = fetch(new URL(`respub/${lang}.json`, bundle))
        .then(response => response.json())
        .then(({ paragraphs, ...grammar }) => ({ grammar, paragraphs: new Set(paragraphs) }))
    return data
  }

  function loadPagefind() {
    if (!pagefind)
      pagefind = (async () => {
        const module = await import(new URL("pagefind.js", bundle).href)
        // Pagefind picks its index by the page's <html lang>; a worker has no page, so it is told.
        self.document = { querySelector: () => ({ getAttribute: () => lang }) }
        let instance
        try {
          instance = module.createInstance({ basePath: bundle.href, baseUrl: "/", excerptLength: EXCERPT_WORDS })
        } finally {
          delete self.document
        }
        await instance.init()
        return instance
      })()
    return pagefind
  }

  function escapeHTML(text) {
    return String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  }

  /* Results as material's worker gives them: one group per page, best first */
  function result(location, title, text, terms, score) {
    return [{ location: location.replace(/^\//, ""), title: escapeHTML(title), text, score, terms }]
  }

  /* A Pagefind result, with the words it found for material's highlighting on the page (`?h=`) */
  function fromPagefind(page, score) {
    const terms = {}
    for (const [, marked] of page.excerpt.matchAll(/<mark>([^<]*)<\/mark>/g))
      for (const word of marked.match(/[\p{L}\p{N}]+/gu) || [])
        terms[word.toLocaleLowerCase(lang)] = true
    return result(page.raw_url, page.meta.title || page.raw_url, `<p>${page.excerpt}</p>`, terms, score)
  }

  function words(text) {
    return normalize(text).match(/[\p{L}\p{N}]+/gu) || []
  }

  /* The paragraph a reference names ("op5", "paragraphe 5 du dispositif"), from respub's small file for
     that paragraph (pagefind/respub/<lang>/op5.json: one entry per resolution). The resolution the reader
     is in comes first (`?in=<slug>` in this worker's address), then those whose title has the query's
     other words ("op5 migration"). */
  async function paragraph(paragraphs, reference) {
    if (!paragraphs.has(reference.page))
      return null
    const response = await fetch(new URL(`respub/${lang}/${reference.page}.json`, bundle))
    const entries = await response.json()
    const rest = words(reference.rest)
    const score = entry => {
      const title = ` ${words(entry.title).join(" ")}`
      return (entry.resolution === current ? rest.length + 1 : 0) + rest.filter(w => title.includes(` ${w}`)).length
    }
    const ranked = entries.map((entry, i) => [entry, score(entry), i]).sort((a, b) => b[1] - a[1] || a[2] - b[2])
    return ranked.map(([entry], i) => {
      const anchor = reference.id !== reference.page && entry.ids.includes(reference.id) ? `#${reference.id}` : ""
      return result(entry.url + anchor, entry.title, `<p>${escapeHTML(entry.excerpt)}</p>`, {}, ranked.length - i)
    })
  }

  /* A record comes first when the query names it (an instrument, a state's entry on a reservations page,
     a resolution): the query is found, word for word, in one of its names, and is at least half of that
     name ("Refugee Convention" for "1951 Refugee Convention", "Qatar" for Qatar, but not "human rights"
     for the Universal Declaration of Human Rights). */
  function named(query) {
    const wanted = words(query)
    return page => (page.meta.names || "").split(" | ").some(name => {
      const all = words(name)
      return 2 * wanted.length >= all.length && ` ${all.join(" ")}`.includes(` ${wanted.join(" ")}`)
    })
  }

  /* Pages where a word of the query appears as typed (or as the start of a longer word: "migrante" in
     "migrantes") before those where only its stem does ("migrants"), each group in Pagefind's order */
  function exactFirst(pages, query) {
    const typed = words(query).filter(word => word.length >= 3)
    const exact = page => [...page.excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)]
      .some(([, marked]) => typed.some(word => normalize(marked).includes(word)))
    return [...pages.filter(exact), ...pages.filter(page => !exact(page))]
  }

  /* Every result (material shows how many it is given): first the records the query names, then
     paragraphs, resolutions and reservations in Pagefind's order (exact forms first), then instruments */
  async function text(instance, query) {
    const found = await instance.search(query)
    const pages = await Promise.all(found.results.map(r => r.data()))
    const instrument = page => page.meta.kind === "instrument"
    const isNamed = named(query)
    const others = pages.filter(page => !isNamed(page))
    const ordered = [
      ...pages.filter(isNamed),
      ...exactFirst(others.filter(page => !instrument(page)), query),
      ...others.filter(instrument)
    ]
    return ordered.map((page, i) => fromPagefind(page, ordered.length - i))
  }

  async function search(query) {
    const { grammar, paragraphs } = await loadData()
    const reference = resolve(query, grammar)
    return (reference && await paragraph(paragraphs, reference)) || text(await loadPagefind(), query)
  }

  self.addEventListener("message", async ({ data: message }) => {
    if (message.type === SETUP) {
      self.postMessage({ type: READY })
    } else if (message.type === QUERY) {
      const query = message.data.trim()
      latest = query
      let items = []
      if (query) {
        try {
          items = await search(query)
        } catch (error) {
          console.warn("respub search:", error)
        }
      }
      if (query === latest)
        self.postMessage({ type: RESULT, data: { items } })
    }
  })
}
