/*
 * respub: search in the page's language, with Pagefind, behind material's own search box.
 *
 * Material runs its search in a web worker and talks to it with four messages (SETUP, READY, QUERY,
 * RESULT: see material's src/templates/assets/javascripts/integrations/search/worker/message). This
 * file is such a worker: material's search box, result list, keyboard and on-page highlighting work
 * as before, and the answers come from Pagefind's index for the page's language (`?lang=fr` in this
 * worker's address, set on every page by respub/search.py, with `&in=<slug>` on a resolution's pages).
 * Nothing is loaded before the first query; then Pagefind fetches only the index fragments it needs.
 *
 * A query that names a paragraph ("op5", "paragraphe 5 du dispositif") leads straight to it: the
 * patterns are respub/search.py's REFERENCES, read from pagefind/respub/<lang>.json, applied here
 * exactly as `resolve` applies them in Python (tests/test_search.py runs both on the same cases), and
 * the paragraph is read from pagefind/respub/<lang>/<id>.json (respub.search.write_references): such a
 * query does not even load Pagefind.
 */
"use strict"

const MAX_RESULTS = 20 // results shown for a query (each needs one small fragment request)
const EXCERPT_WORDS = 24

/* ---------------------------------------------------------------------------------------------
 * References: respub.search.normalize and respub.search.resolve, in JavaScript
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

/* The paragraph a query names, as {id: "op3-a", page: "op3", rest: "other words"}, or null */
function resolve(query, patterns) {
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
  for (const [kind, source] of patterns) {
    const match = new RegExp(source, "u").exec(text)
    if (!match) continue
    const number = parseInt(match[2], 10)
    const subs = match[3].match(/[a-z]+/g) || []
    const page = `${kind}${number}`
    const start = match.index + match[0].indexOf(match[1])
    const end = start + match[1].length
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
  let data = null // respub's patterns and paragraph ids for the language, read at the first query
  let pagefind = null // Pagefind, loaded at the first query that is not a reference
  let latest = "" // the last query: results of an earlier one that come later are dropped

  function loadData() {
    if (!data)
      data = fetch(new URL(`respub/${lang}.json`, bundle))
        .then(response => response.json())
        .then(({ references, paragraphs }) => ({ patterns: references, paragraphs: new Set(paragraphs) }))
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

  /* An instrument comes first when the query names it: the query is found, word for word, in one of its
     names, and is at least half of that name ("Refugee Convention" for "1951 Refugee Convention", but
     not "human rights" for the Universal Declaration of Human Rights). */
  function names(query) {
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

  /* Paragraphs in Pagefind's order (exact forms first), and instruments: first if named, else last */
  async function text(instance, query) {
    const found = await instance.search(query)
    const pages = await Promise.all(found.results.slice(0, MAX_RESULTS).map(r => r.data()))
    const instrument = page => page.meta.kind === "instrument"
    const named = names(query)
    const ordered = [
      ...pages.filter(page => instrument(page) && named(page)),
      ...exactFirst(pages.filter(page => !instrument(page)), query),
      ...pages.filter(page => instrument(page) && !named(page))
    ]
    return ordered.map((page, i) => fromPagefind(page, ordered.length - i))
  }

  async function search(query) {
    const { patterns, paragraphs } = await loadData()
    const reference = resolve(query, patterns)
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
