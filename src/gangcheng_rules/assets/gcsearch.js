/*
 * gcsearch.js: the site's search ranking, the one implementation of it.
 *
 * In the browser it is mkdocs-material's search worker: the theme fetches search/search_index.json and
 * hands it over in a SETUP message; we answer READY, then each QUERY with a RESULT (messages of
 * material's worker/message/index.ts). The site's search_index.json is small: our data
 * (config.gc) is search/gc_index.json, which the worker fetches itself as it starts. In Python (the CLI `gcrules search`, the tests, the benchmark)
 * gangcheng_rules.search runs this same file in V8 (mini-racer) and calls `gcsearch.Engine` directly.
 * The index is written at build time by gangcheng_rules.search.build_index (jieba-segmented text,
 * lexicon, OpenCC table, synonyms, parameters); its shape is schema/search-index.schema.json.
 *
 * The algorithm is described in src/gangcheng_rules/search.py's docstring.
 *
 * For gcanswer.js (concatenated after this file in the served worker, search.worker_source), these are
 * public and stay: gcsearch.{Engine, fold, escape, cnToInt, intToCn, numberVariants, unitTitle, toItems,
 * leadHtml}; and of an Engine: normalise(text), cut(run), parse(query) → {articles, units, chapters,
 * chunks, bare}, variants(chunk), search(query, limit) → hits, respond(query), article(n) → {number,
 * heading, chapter, url, units: [{eid, label, text, folded}], norms}, citation(n, eid) → 第五十七条第三项,
 * unitUrl(n, eid), termNumber(term, units), idfOf(termNumber), damp(df), stop (a Set), syn (a Map),
 * lexicon (a Set). A hit: {location, title, score, article, unit, unitTitle, text, terms}.
 */
(function () {
  "use strict";

  const UNIT_RE = /[0-9a-z]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
  const RUN_RE = /[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  const WORD_RE = /^[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;
  const ALNUM_RE = /^[0-9a-z]+$/;
  const CN_NUM_RE = /[零〇一二两三四五六七八九十百千万]+/g;
  const ARABIC_RE = /[0-9]+/g;
  const FRACTION_RE = /([0-9]+)[ \t\r\n]*\/[ \t\r\n]*([0-9]+)/g;
  // 第40条, 四十条, 第40条第2款, 第四十条第二款第三项, 57条3项: the article and, if given, its paragraph and item
  const ARTICLE_REF_RE = /第?[ \t\r\n]*([0-9]+|[零〇一二两三四五六七八九十百]+)[ \t\r\n]*条(?:[ \t\r\n]*第?[ \t\r\n]*([0-9]+|[零〇一二两三四五六七八九十百]+)[ \t\r\n]*款)?(?:[ \t\r\n]*第?[ \t\r\n]*([0-9]+|[零〇一二两三四五六七八九十百]+)[ \t\r\n]*项)?/g;
  const CHAPTER_REF_RE = /第[ \t\r\n]*([0-9]+|[零〇一二两三四五六七八九十]+)[ \t\r\n]*章/g;
  // 第2款 / 第三项 with no article before it: says nothing to search for (its 二 would match everywhere)
  const PART_REF_RE = /第[ \t\r\n]*([0-9]+|[零〇一二两三四五六七八九十百]+)[ \t\r\n]*[款项]/g;
  const NUMERAL_RE = /^(?:[0-9]{1,3}|[零〇一二两三四五六七八九十百]+)$/;
  // the uncovered notice quotes the query's words only when they are few (not a pasted page)
  const NOTICE_MAX = 24;
  const CJK_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  const CN_NUMBER_RE = /^[零〇一二两三四五六七八九十百千万]+$/; // a number, not a word the rules may lack
  const DIGITS = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const UNITS = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
  const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

  /* ---------------------------------------------------------------- characters and numbers */

  function fold(text, t2s) {
    let out = "";
    for (let ch of text) {
      const o = ch.codePointAt(0);
      if (o >= 0xff01 && o <= 0xff5e) ch = String.fromCharCode(o - 0xfee0);
      else if (o === 0x3000) ch = " ";
      const s = t2s.get(ch);
      if (s !== undefined) ch = s;
      if (ch >= "A" && ch <= "Z") ch = String.fromCharCode(ch.charCodeAt(0) + 32);
      out += ch;
    }
    return out;
  }

  /* fold() for long texts: one regex over the characters that change */
  class Folder {
    constructor(t2s) {
      this.t2s = t2s;
      const keys = [...t2s.keys()].filter((k) => k.length === 1).map((k) => "\\u" + k.charCodeAt(0).toString(16).padStart(4, "0"));
      this.re = new RegExp("[\\uff01-\\uff5e\\u3000A-Z" + keys.join("") + "]", "g");
    }
    fold(text) {
      return text.replace(this.re, (ch) => fold(ch, this.t2s));
    }
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, (c) => ESC[c]);
  }

  function cnToInt(s) {
    if (!s) return null;
    for (const c of s) if (!(c in DIGITS) && !(c in UNITS)) return null;
    let allDigits = true;
    for (const c of s) if (!(c in DIGITS)) allDigits = false;
    if (allDigits) {
      if (s.length > 15) return null;
      let n = 0;
      for (const c of s) n = n * 10 + DIGITS[c];
      return n;
    }
    let total = 0, section = 0, digit = -1;
    for (const c of s) {
      if (c in DIGITS) {
        if (digit > 0) return null;
        digit = DIGITS[c];
      } else {
        const unit = UNITS[c];
        if (unit === 10000) {
          total += (section + Math.max(digit, 0) || 1) * unit;
          section = 0;
        } else {
          section += (digit < 0 ? 1 : digit) * unit;
        }
        digit = -1;
      }
    }
    return total + section + Math.max(digit, 0);
  }

  function intToCn(n) {
    const digits = "零一二三四五六七八九";
    if (n < 10) return digits[n];
    if (n >= 100000000) return String(n);
    let out = "";
    if (n >= 10000) {
      out = intToCn(Math.floor(n / 10000)) + "万";
      n %= 10000;
      if (n === 0) return out;
      if (n < 1000) out += "零";
    }
    let zero = false;
    for (const [value, name] of [[1000, "千"], [100, "百"], [10, "十"]]) {
      const d = Math.floor(n / value);
      n %= value;
      if (d) {
        if (zero) out += "零";
        zero = false;
        out += (value === 10 && d === 1 && !out ? "" : digits[d]) + name;
      } else if (out) {
        zero = true;
      }
    }
    if (n) out += (zero ? "零" : "") + digits[n];
    return out;
  }

  function numberVariants(s) {
    const a = s.replace(CN_NUM_RE, (m) => {
      const n = cnToInt(m);
      return n === null ? m : String(n);
    });
    const b = s.replace(ARABIC_RE, (m) => (m.length <= 8 ? intToCn(parseInt(m, 10)) : m));
    const out = [];
    for (const v of [a, b]) if (v !== s && !out.includes(v) && unitsOf(v).length >= 2) out.push(v);
    return out;
  }

  function refNumber(g) {
    if (g.length > 6) return null;
    return "0123456789".includes(g[0]) ? parseInt(g, 10) : cnToInt(g);
  }

  function takeRefs(pattern, s) {
    const nums = [];
    const rest = s.replace(pattern, (_m, g) => {
      const n = refNumber(g);
      if (n !== null && !nums.includes(n)) nums.push(n);
      return " ";
    });
    return [nums, rest];
  }

  /* article references with their paragraph and item: [{article, para, item}], and the rest of the text */
  function takeUnitRefs(s) {
    const refs = [];
    const rest = s.replace(ARTICLE_REF_RE, (_m, a, p, i) => {
      const n = refNumber(a);
      if (n === null) return " ";
      const para = p === undefined ? null : refNumber(p);
      const item = i === undefined ? null : refNumber(i);
      if (!refs.some((r) => r.article === n && r.para === para && r.item === item)) refs.push({ article: n, para, item });
      return " ";
    });
    return [refs, rest];
  }

  function unitsOf(s) {
    return s.match(UNIT_RE) || [];
  }

  function isWord(s) {
    return WORD_RE.test(s);
  }

  function dec(s) {
    if (!s) return [];
    const toks = s.split(" ");
    return s.indexOf("\u00a0") < 0 ? toks : toks.map((t) => t.replace(/\u00a0/g, " "));
  }

  function unitTitle(eid) {
    let out = "";
    for (const part of eid.split("__")) {
      const i = part.lastIndexOf("_");
      const kind = part.slice(0, i), n = part.slice(i + 1);
      if (!/^[0-9]+$/.test(n)) continue;
      if (kind === "para") out += "第" + intToCn(parseInt(n, 10)) + "款";
      else if (kind === "item") out += "第" + intToCn(parseInt(n, 10)) + "项";
    }
    return out;
  }

  /* all start positions of needle in hay (arrays of code points), overlapping */
  function findAll(hay, needle) {
    const out = [];
    const m = needle.length;
    if (!m) return out;
    outer: for (let i = 0; i + m <= hay.length; i++) {
      for (let k = 0; k < m; k++) if (hay[i + k] !== needle[k]) continue outer;
      out.push(i);
    }
    return out;
  }

  /* A paragraph, item or page section as the engine holds it: its eid, label, folded text and (worked
     out when a snippet first needs it) its text, the index's tokens joined. */
  class Unit {
    constructor(eid, label, encoded, folded) {
      this.eid = eid;
      this.label = label;
      this.folded = folded;
      this.encoded = encoded;
      this.plain = null;
    }
    get text() {
      if (this.plain === null) this.plain = dec(this.encoded).join("");
      return this.plain;
    }
  }

  /* Numbers appended to a growing typed array (one allocation per doubling, not one per text). */
  class Tape {
    constructor(Kind, size) {
      this.a = new Kind(size);
      this.n = 0;
    }
    push(v) {
      if (this.n === this.a.length) {
        const a = new this.a.constructor(this.a.length * 2);
        a.set(this.a);
        this.a = a;
      }
      this.a[this.n++] = v;
    }
  }

  /* Sums of weights per term number, in a dense array: the terms in the order first touched. */
  class Acc {
    constructor(size) {
      this.vals = new Float64Array(size);
      this.touched = new Tape(Int32Array, 1024);
    }
    add(t, w) {
      if (t >= this.vals.length) {
        const vals = new Float64Array(t * 2 + 1024);
        vals.set(this.vals);
        this.vals = vals;
      }
      // a weight of 0 leaves its term at 0: touched again later, listed twice (its second sum is 0)
      if (this.vals[t] === 0) this.touched.push(t);
      this.vals[t] += w;
    }
    /* each term and its sum, in the order first touched, onto two tapes; then empty */
    flush(terms, sums) {
      const vals = this.vals, touched = this.touched.a;
      for (let i = 0; i < this.touched.n; i++) {
        const t = touched[i];
        terms.push(t);
        sums.push(vals[t]);
        vals[t] = 0;
      }
      this.touched.n = 0;
    }
    /* each term's sum × weight added to acc, in the order first touched; then empty */
    flushInto(acc, weight) {
      const vals = this.vals, touched = this.touched.a;
      for (let i = 0; i < this.touched.n; i++) {
        const t = touched[i];
        acc.add(t, weight * vals[t]);
        vals[t] = 0;
      }
      this.touched.n = 0;
    }
  }

  /* Thrown by Engine.article(n) while the answer records are still on their way (Engine.awaitNorms). */
  class NormsPending extends Error {
    constructor(n) {
      super("the answer records of article " + n + " are not loaded yet");
      this.name = "NormsPending";
    }
  }

  /* ---------------------------------------------------------------- the engine */

  class Engine {
    constructor(index) {
      const gc = index.config.gc;
      const p = (this.p = gc.params);
      // --- for gcanswer.js (answer cards): the index as loaded, for articles[i].norms ---
      this.gc = gc;
      // --- end gcanswer.js ---
      const t = Array.from(gc.t2s);
      this.t2s = new Map();
      for (let i = 0; i + 1 < t.length; i += 2) this.t2s.set(t[i], t[i + 1]);
      this.stop = new Set(gc.stop.split(/\s+/).filter(Boolean));
      // synonyms are looked up by folded pieces of the query, so fold them the same way
      this.syn = new Map();
      for (const [key, terms] of Object.entries(gc.syn)) {
        const k = fold(key, this.t2s);
        const list = this.syn.get(k) || [];
        for (const term of terms) {
          const f = fold(term, this.t2s);
          if (!list.includes(f)) list.push(f);
        }
        this.syn.set(k, list);
      }
      this.pages = gc.pages;
      this.nChapters = gc.chapters.length;
      const chapters = new Map(gc.chapters.map((c) => [c.number, c]));
      this.chapterPages = new Map();
      for (const c of gc.chapters) if (c.page >= 0) this.chapterPages.set(c.number, [this.pages[c.page], c.heading + " " + c.title]);
      // pages the notices link to (contents, subjects index, actor index); absent in older indexes
      this.links = gc.links || {};
      // pages without segmented text are found by their title only (pagesFor)
      this.docs = (gc.docs || []).filter((d) => !(d.units && d.units.eid && d.units.eid.length));
      const lexicon = new Set(gc.lex.split(" ").filter(Boolean));
      this.folder = new Folder(this.t2s);
      // Every distinct token once, numbered in order of first appearance: its folded form, its units,
      // whether it is a word. Every text becomes a run of token numbers on one tape (one Map lookup
      // per token; the folding, the units and the terms are then worked out once per distinct token).
      const tokenNo = new Map();
      const tf = [], tus = [], tword = [];
      const tape = new Tape(Int32Array, 1 << 16);
      const ids = (encoded) => {
        const toks = dec(encoded);
        for (let k = 0; k < toks.length; k++) {
          let id = tokenNo.get(toks[k]);
          if (id === undefined) {
            tokenNo.set(toks[k], (id = tf.length));
            const f = this.folder.fold(toks[k]);
            const us = unitsOf(f);
            const word = isWord(f);
            tf.push(f);
            tus.push(us);
            tword.push(word);
            if (word && us.length >= 2) lexicon.add(f);
          }
          tape.push(id);
        }
        return tape.n;
      };
      // An article's or page's units: where each unit's tokens are on the tape, and the folded text of
      // all of them joined by "|" (its norm, searched verbatim), each unit's folded text a slice of it
      // (folding works character by character, so a paragraph folds as its tokens do).
      const textOf = (eids, labels, encoded) => {
        const runs = [], parts = [], spans = [];
        let at = 0;
        for (let k = 0; k < eids.length; k++) {
          const from = tape.n, to = ids(encoded[k]);
          runs.push(from, to);
          if (k) {
            parts.push("|");
            at += 1;
          }
          const start = at;
          for (let i = from; i < to; i++) {
            const f = tf[tape.a[i]];
            parts.push(f);
            at += f.length;
          }
          spans.push(start, at);
        }
        const norm = parts.join("");
        const units = eids.map((eid, k) => new Unit(eid, labels[k] || "", encoded[k], norm.slice(spans[2 * k], spans[2 * k + 1])));
        return { runs, norm, units };
      };
      // A field value shared by many articles (a chapter title, a subject, the names defined) is read,
      // and later reduced to its terms, once: keyed "t3", "s5", "d…".
      const sharedRuns = new Map();
      const field = (out, wi, key, encoded) => {
        let run = key === null ? undefined : sharedRuns.get(key);
        if (run === undefined) {
          const from = tape.n;
          run = [from, ids(encoded)];
          if (key !== null) sharedRuns.set(key, run);
        }
        out.push(wi, key, run[0], run[1]);
      };
      // the other fields' weights; the curated questions and the thesaurus expansion (both optional)
      // count like the title: low weight, not in the article's length
      const weights = [p.title, p.subject, p.define, p.question ?? 0.3, p.thesaurus ?? 0.3];
      const bodies = []; // per article and page section: [from, to] of each unit on the tape
      const fieldsOf = []; // per article: [weight number, key or null, from, to] of each field value
      this.articles = [];
      for (const art of gc.articles) {
        const ch = chapters.get(art.chapter);
        const u = art.units;
        const body = textOf(u.eid, u.label, u.tokens);
        bodies.push(body.runs);
        const fields = [];
        field(fields, 0, "t" + art.chapter, ch.tokens);
        for (const k of art.subjects) field(fields, 1, "s" + k, gc.subjects[k].tokens);
        field(fields, 2, "d" + art.defines, art.defines);
        field(fields, 3, null, art.questions || "");
        field(fields, 4, null, art.thesaurus || "");
        fieldsOf.push(fields);
        this.articles.push({
          number: art.number,
          heading: art.heading,
          chapter: art.chapter,
          url: this.pages[art.page],
          title: art.heading + " · " + ch.heading + " " + ch.title,
          units: body.units,
          norms: null, // parsed from normsText by article(n), for the few articles gcanswer reads
          normsText: art.norms || "[]",
          doc: false,
          norm: body.norm,
          length: 0,
        });
      }
      // Real articles come first in this.articles; the other pages' sections (the notice, the meetings
      // table, the actor and subject pages…) follow, scored like articles but never counted in idf.
      this.nArticles = this.articles.length;
      this.byNumber = new Map(this.articles.map((a) => [a.number, a]));
      for (const d of gc.docs || []) {
        const u = d.units;
        if (!u || !u.eid || !u.eid.length) continue;
        const body = textOf(u.eid, u.label || [], u.tokens);
        bodies.push(body.runs);
        fieldsOf.push([]);
        this.articles.push({
          number: null,
          heading: d.title,
          chapter: null,
          url: d.location,
          title: d.title,
          units: body.units,
          norms: [],
          doc: true,
          norm: body.norm,
          length: 0,
        });
      }
      this.lexicon = lexicon;
      this.cutset = new Set([...lexicon, ...this.stop, ...this.syn.keys()]);
      this.maxlen = 1;
      for (const w of this.cutset) this.maxlen = Math.max(this.maxlen, unitsOf(w).length);
      // Term numbers: words by their string, characters by unit number, pairs by a pair of unit numbers.
      this.unitIds = new Map();
      this.words = new Map(); // "w:…" → term number
      this.chars = new Map(); // unit number → term number
      this.pairs = new Map(); // unit number * 2^15 + unit number (or "a,b" past 2^15 units) → term number
      let nterms = 0;
      const termOf = (map, key) => {
        let t = map.get(key);
        if (t === undefined) map.set(key, (t = nterms++));
        return t;
      };
      // Per distinct token: its terms (words, then per unit its character and the pair ending there)
      // with their weights (tokens' terms end to end: token id's are at tstart[id]…tstart[id + 1]),
      // its number of units, its first and last unit numbers (-1: none).
      const ntok = tf.length;
      const tnu = new Int32Array(ntok), tfirst = new Int32Array(ntok), tlast = new Int32Array(ntok);
      const tisword = Uint8Array.from(tword);
      const tstart = new Int32Array(ntok + 1), tterm = new Tape(Int32Array, ntok * 4 + 16), tw = new Tape(Float64Array, ntok * 4 + 16);
      for (let id = 0; id < ntok; id++) {
        const us = tus[id];
        const uids = us.map((x) => this.unitId(x, true));
        tnu[id] = us.length;
        tfirst[id] = uids.length ? uids[0] : -1;
        tlast[id] = uids.length ? uids[uids.length - 1] : -1;
        for (const [term, w] of this.wordTerms(tf[id], us, tword[id])) {
          tterm.push(termOf(this.words, term));
          tw.push(w);
        }
        uids.forEach((x, k) => {
          tterm.push(termOf(this.chars, x));
          tw.push(1.0);
          if (k > 0) {
            tterm.push(termOf(this.pairs, this.pairKey(uids[k - 1], x)));
            tw.push(1.0);
          }
        });
        tstart[id + 1] = tterm.n;
      }
      const toks = tape.a, terms = tterm.a, tws = tw.a;
      // Term frequencies article by article (a dense scratch accumulator) onto two tapes, then
      // postings for every term at once (counting sort). A shared field value is reduced to its terms once.
      const main = new Acc(nterms * 2 + 1024), scratch = new Acc(nterms * 2 + 1024);
      // a run of tokens' terms into acc, × weight: each token's own terms, and the pair joining two
      // adjacent words
      const visit = (from, to, weight, acc) => {
        let prev = -1;
        for (let i = from; i < to; i++) {
          const id = toks[i], nu = tnu[id];
          if (!nu || !tisword[id]) prev = -1;
          for (let k = tstart[id]; k < tstart[id + 1]; k++) acc.add(terms[k], weight * tws[k]);
          if (prev !== -1 && nu) acc.add(termOf(this.pairs, this.pairKey(prev, tfirst[id])), weight * 1.0);
          if (nu) prev = tlast[id];
        }
      };
      const shared = new Map();
      const vecTerm = new Tape(Int32Array, 1 << 16), vecTf = new Tape(Float64Array, 1 << 16);
      const vecStart = new Int32Array(this.articles.length + 1);
      let total = 0;
      this.articles.forEach((a, ai) => {
        let len = 0;
        const runs = bodies[ai];
        for (let r = 0; r < runs.length; r += 2) {
          for (let i = runs[r]; i < runs[r + 1]; i++) len += tnu[toks[i]];
          visit(runs[r], runs[r + 1], 1.0, main);
        }
        const fields = fieldsOf[ai];
        for (let f = 0; f < fields.length; f += 4) {
          const key = fields[f + 1], weight = weights[fields[f]];
          if (key === null) {
            visit(fields[f + 2], fields[f + 3], 1.0, scratch);
            scratch.flushInto(main, weight);
            continue;
          }
          let v = shared.get(key);
          if (v === undefined) {
            visit(fields[f + 2], fields[f + 3], 1.0, scratch);
            const vt = new Tape(Int32Array, 64), vw = new Tape(Float64Array, 64);
            scratch.flush(vt, vw);
            shared.set(key, (v = [vt.a.slice(0, vt.n), vw.a.slice(0, vw.n)]));
          }
          const [vt, vw] = v;
          for (let i = 0; i < vt.length; i++) main.add(vt[i], weight * vw[i]);
        }
        main.flush(vecTerm, vecTf);
        vecStart[ai + 1] = vecTerm.n;
        a.length = len;
        if (ai < this.nArticles) total += len;
      });
      // postings: per term, its articles in order with their term frequencies
      const vt = vecTerm.a, vw = vecTf.a, nv = vecTerm.n;
      const start = (this.postStart = new Int32Array(nterms + 1));
      const dfs = (this.dfs = new Int32Array(nterms));
      for (let i = 0; i < nv; i++) start[vt[i] + 1]++;
      for (let i = 0; i < vecStart[this.nArticles]; i++) dfs[vt[i]]++;
      for (let t = 0; t < nterms; t++) start[t + 1] += start[t];
      const fill = start.slice(0, nterms);
      this.postArt = new Int32Array(nv);
      this.postTf = new Float64Array(nv);
      for (let ai = 0; ai < this.articles.length; ai++) {
        for (let i = vecStart[ai]; i < vecStart[ai + 1]; i++) {
          const at = fill[vt[i]]++;
          this.postArt[at] = ai;
          this.postTf[at] = vw[i];
        }
      }
      this.idfs = new Float64Array(nterms).fill(-1);
      this.n = this.nArticles;
      this.avglen = this.n && total ? total / this.n : 1.0;
      this.idfMax = this.idf(0);
      this.norms = this.articles.map((a) => p.k1 * (1 - p.b + (p.b * a.length) / this.avglen));
    }

    /* a text as queries and the index are compared: full-width → half-width, traditional → simplified, lower case */
    normalise(text) {
      return fold(text, this.t2s);
    }

    unitId(u, create) {
      let id = this.unitIds.get(u);
      if (id === undefined && create) this.unitIds.set(u, (id = this.unitIds.size));
      return id;
    }

    pairKey(a, b) {
      return a < 32768 && b < 32768 ? a * 32768 + b : a + "," + b;
    }

    /* the term number of a query term (undefined when no article has it) */
    termNumber(term, units) {
      if (term.startsWith("w:")) return this.words.get(term);
      const ids = units.map((u) => this.unitId(u, false));
      if (ids.some((id) => id === undefined)) return undefined;
      return term.startsWith("c:") ? this.chars.get(ids[0]) : this.pairs.get(this.pairKey(ids[0], ids[1]));
    }

    /* idf of a term number (articles only), times the damping of terms most articles carry */
    idfOf(t) {
      if (this.idfs[t] < 0) this.idfs[t] = this.idf(this.dfs[t]) * this.damp(this.dfs[t]);
      return this.idfs[t];
    }

    idf(df) {
      return Math.max(0, Math.log(1 + (this.n - df + 0.5) / (df + 0.5)));
    }

    /* A term found in more than the share `ubiq` of the articles (区政府, 部门…) weighs less still than
       its idf says, in proportion: it tells the articles apart too little to decide a ranking. */
    damp(df) {
      const ubiq = this.p.ubiq ?? 1;
      const share = this.n ? df / this.n : 0;
      return share > ubiq ? ubiq / share : 1;
    }

    wordTerms(token, us, word) {
      const hit = [];
      if (word && (us.length >= 2 || ALNUM_RE.test(token))) {
        hit.push(["w:" + token, 1.0]);
        for (let i = 0; i < us.length; i++) {
          let w = us[i];
          for (let j = i + 1; j < Math.min(us.length, i + this.maxlen); j++) {
            w += us[j];
            if (j - i + 1 < us.length && this.lexicon.has(w)) hit.push(["w:" + w, this.p.sub]);
          }
        }
      }
      return hit;
    }

    cut(run) {
      const us = unitsOf(run);
      const n = us.length;
      const best = new Array(n + 1).fill(0);
      const step = new Array(n + 1).fill(1);
      for (let i = n - 1; i >= 0; i--) {
        best[i] = best[i + 1] + 1;
        step[i] = 1;
        let w = us[i];
        for (let j = i + 1; j < Math.min(n, i + this.maxlen); j++) {
          w += us[j];
          if (this.cutset.has(w) && best[j + 1] + 1 <= best[i]) {
            best[i] = best[j + 1] + 1;
            step[i] = j + 1 - i;
          }
        }
      }
      const out = [];
      for (let i = 0; i < n; i += step[i]) out.push(us.slice(i, i + step[i]).join(""));
      return out;
    }

    parse(query) {
      let s = fold(Array.from(query).slice(0, this.p.maxq).join(""), this.t2s);
      s = s.replace(FRACTION_RE, (_m, a, b) => (a.length <= 8 && b.length <= 8 ? intToCn(parseInt(b, 10)) + "分之" + intToCn(parseInt(a, 10)) : " "));
      let refs, chaps;
      [refs, s] = takeUnitRefs(s);
      [chaps, s] = takeRefs(CHAPTER_REF_RE, s);
      s = s.replace(PART_REF_RE, " ");
      const arts = [];
      for (const r of refs) if (!arts.includes(r.article)) arts.push(r.article);
      let chunks = [];
      const runs = s.match(RUN_RE) || [];
      for (const run of runs) {
        let cur = "";
        for (const piece of this.cut(run)) {
          if (this.stop.has(piece)) {
            if (cur) chunks.push(cur);
            cur = "";
          } else cur += piece;
        }
        if (cur) chunks.push(cur);
      }
      const onlyAsks = !chunks.length && !arts.length && !chaps.length && runs.length > 0;
      if (onlyAsks) chunks = runs;
      const out = [];
      for (const c of chunks) if (!out.includes(c)) out.push(c);
      // a bare number (59, 五十九) may mean that article: search() decides
      let bare = null;
      if (out.length === 1 && !arts.length && !chaps.length && NUMERAL_RE.test(out[0])) bare = refNumber(out[0]);
      return { articles: arts, units: refs, chapters: chaps, chunks: out, bare, onlyAsks };
    }

    variants(chunk) {
      const max = this.p.variants;
      const out = [];
      for (const form of [chunk, ...numberVariants(chunk)]) {
        let partial = [""];
        for (const piece of this.cut(form)) {
          const alts = [piece, ...(this.syn.get(piece) || [])];
          const next = [];
          for (const v of partial) for (const a of alts) next.push(v + a);
          partial = next.slice(0, max);
        }
        for (const v of partial) if (!out.includes(v)) out.push(v);
      }
      return out.slice(0, max);
    }

    terms(variant) {
      const p = this.p;
      const us = unitsOf(variant);
      if (us.length === 1) {
        const u = us[0];
        return ALNUM_RE.test(u) ? [["w:" + u, p.word, us]] : [["c:" + u, p.char, us]];
      }
      const out = [];
      for (const piece of this.cut(variant))
        if (unitsOf(piece).length >= 2 || ALNUM_RE.test(piece)) out.push(["w:" + piece, p.word, null]);
      for (let i = 0; i + 1 < us.length; i++) out.push(["b:" + us[i] + us[i + 1], p.bigram, [us[i], us[i + 1]]]);
      return out;
    }

    /* The eid of article a's paragraph `para` / item `item` (numbers, either may be null), or "". */
    unitEid(a, para, item) {
      if (para === null && item === null) return "";
      const want = (eid) => {
        const parts = eid.split("__");
        const p = parts.find((x) => x.startsWith("para_"));
        const i = parts.find((x) => x.startsWith("item_"));
        if (para !== null && p !== "para_" + para) return false;
        if (item === null) return i === undefined;
        return i === "item_" + item;
      };
      const u = a.units.find((x) => want(x.eid));
      return u ? u.eid : "";
    }

    search(query, limit) {
      return this.run(query, limit).hits;
    }

    /* The hits for a query and the notice that goes before them (null, or out of range, or uncovered). */
    run(query, limit) {
      const p = this.p;
      const q = this.parse(query);
      limit = limit === undefined || limit === null ? p.limit : Math.max(0, limit);
      const [total, share, found, phrases, hitChunks, artChunks] = this.score(q);
      const [cover, coverAll, absent] = this.coverage(q);
      const nchunks = q.chunks.length;
      // the query's content words: chunks of two or more units, or a run of letters and digits
      const content = q.chunks.filter((c) => unitsOf(c).length >= 2 || ALNUM_RE.test(c));
      const wordHit = content.some((c) => hitChunks.has(c));
      // a page citing 第五十九条 does not match the number 59 better than article 59 itself
      const artHit = q.chunks.some((c) => artChunks.has(c) && (unitsOf(c).length >= 2 || ALNUM_RE.test(c)));
      const refs = new Map(); // article number → weight of its reference (the first named weighs most)
      const refUnit = new Map(); // article number → eid of the paragraph or item named
      let outOfRange = null;
      q.articles.forEach((num, i) => {
        if (this.byNumber.has(num)) refs.set(num, q.articles.length - i);
        else outOfRange = outOfRange || "articles";
      });
      for (const r of q.units) {
        const a = this.byNumber.get(r.article);
        if (a && !refUnit.has(r.article)) refUnit.set(r.article, this.unitEid(a, r.para, r.item));
      }
      for (const c of q.chapters) if (!this.chapterPages.has(c)) outOfRange = outOfRange || "chapters";
      // a bare number in range opens its article when no word of the text matches it better
      let bare = null;
      if (q.bare !== null) {
        if (this.byNumber.has(q.bare)) bare = q.bare;
        else if (!artHit) outOfRange = outOfRange || "articles";
      }
      if (bare !== null && !artHit) refs.set(bare, 1);
      const silent =
        content.length > 0 && !wordHit && !q.articles.length && !q.chapters.length && bare === null && !outOfRange && !this.pagesFor(q, []).length;
      let notice = null;
      if (outOfRange) {
        const count = outOfRange === "articles" ? intToCn(this.nArticles) + "条" : intToCn(this.nChapters) + "章";
        notice = { kind: "out_of_range", text: "本规则共" + count, url: this.links.contents ?? null };
      } else if (silent) {
        // said in words only for Chinese words, and few of them: not for markup or a pasted page
        const cjk = content.filter((c) => CJK_RE.test(c));
        if (cjk.length && Array.from(cjk.join("")).length <= NOTICE_MAX) notice = this.uncovered(cjk);
        return { query: q, hits: [], notice };
      }
      const ranked = [];
      const cand = new Set(found.keys());
      for (const num of refs.keys()) cand.add(this.articles.indexOf(this.byNumber.get(num)));
      for (const ai of cand) {
        const a = this.articles[ai];
        let base = 0.0;
        if (total[ai] > 0) {
          base = total[ai];
          for (let k = 0; k < p.coord; k++) base *= share[ai] / nchunks;
          if (coverAll > 0) for (let k = 0; k < (p.cover ?? 0); k++) base *= cover[ai] / coverAll;
          // a section of another page (the figures table, an actor) restates the articles: it ranks
          // above them only when it matches clearly better
          if (a.doc) base *= p.page ?? 1;
        }
        let s = base;
        if (!a.doc && refs.has(a.number)) s = base + 1000.0 * refs.get(a.number);
        if (s > 0) ranked.push([s, ai, base]);
      }
      let top = 0.0;
      for (const r of ranked) if (r[2] > top) top = r[2];
      if (bare !== null && artHit) {
        // below the articles that match the number as text, above the weak ones
        const ai = this.articles.indexOf(this.byNumber.get(bare));
        const s = top * (p.bare ?? 0.5);
        const r = ranked.find((x) => x[1] === ai);
        if (!r) ranked.push([s, ai, s]);
        else if (r[0] < s) r[0] = r[2] = s;
      }
      ranked.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
      const hits = [];
      for (const c of q.chapters)
        if (this.chapterPages.has(c)) {
          const [url, title] = this.chapterPages.get(c);
          hits.push({ location: url, title: escape(title), score: 0.0, article: null, unit: "", unitTitle: "", text: "", terms: {} });
        }
      let narts = 0;
      for (const [s, ai, base] of ranked) {
        if (s === base && base < top * p.minrel) break;
        const a = this.articles[ai];
        if (!a.doc && narts >= limit) continue;
        if (a.doc && narts >= limit) break;
        if (!a.doc) narts++;
        // the article a bare number opened shows its text unmarked: the number is no term of it
        const opened = !a.doc && a.number === bare && !artHit;
        hits.push(this.hit(a, s, opened ? [] : found.get(ai) || [], opened ? [] : phrases.get(ai) || [], a.doc ? "" : refUnit.get(a.number) || ""));
      }
      // words of the query the rules do not hold at all are listed under each result as missing (the
      // theme's 缺少: …, from the terms marked false): partial answers say what they leave out
      if (absent.length)
        for (const h of hits) if (h.article !== null || h.unit) for (const w of absent) if (!(w in h.terms)) h.terms[w] = false;
      return { query: q, hits: hits.concat(this.pagesFor(q, hits)), notice };
    }

    /* the notice for a query whose content words the rules do not contain, with where to look instead */
    uncovered(words) {
      const l = this.links;
      const suggest = [];
      if (l.subjects) suggest.push({ title: "主题索引", url: l.subjects });
      if (l.actors) suggest.push({ title: "主体与职责", url: l.actors });
      return { kind: "uncovered", text: "本规则未涉及“" + words.join("”“") + "”", words: words.slice(), url: suggest.length ? suggest[0].url : null, suggest };
    }

    /* Per article: the share of the query's distinct content words it contains (a word counts less the
       more articles carry it, as in damp), the sum for the whole query, and the words nothing holds. A word is a piece of the
       query's cut of two or more units (or letters/digits); it is found through its own postings, a
       synonym's or its number written the other way, or verbatim in the text. */
    coverage(q) {
      const N = this.articles.length;
      const cover = new Float64Array(N);
      const absent = []; // words no article and no page section holds
      let all = 0;
      const seen = new Set();
      for (const chunk of q.chunks) {
        const pieces = this.cut(chunk);
        // a word the lexicon lacks is cut into characters: two or more of them in a row that no text
        // holds verbatim are a word the rules do not hold (模板 in 文件模板)
        for (let i = 0; i < pieces.length; ) {
          let j = i;
          while (j < pieces.length && unitsOf(pieces[j]).length === 1 && CJK_RE.test(pieces[j]) && !this.stop.has(pieces[j])) j++;
          if (j - i >= 2) {
            const run = pieces.slice(i, j).join("");
            if (!CN_NUMBER_RE.test(run) && !this.articles.some((a) => a.norm.includes(run))) absent.push(run);
          }
          i = Math.max(j, i + 1);
        }
        for (const piece of pieces) {
          if (seen.has(piece) || this.stop.has(piece)) continue;
          if (unitsOf(piece).length < 2 && !ALNUM_RE.test(piece)) continue;
          seen.add(piece);
          const has = new Uint8Array(N);
          for (const alt of [piece, ...(this.syn.get(piece) || []), ...numberVariants(piece)]) {
            const tn = this.words.get("w:" + alt);
            if (tn !== undefined) for (let x = this.postStart[tn]; x < this.postStart[tn + 1]; x++) has[this.postArt[x]] = 1;
            if (unitsOf(alt).length >= 2) for (let ai = 0; ai < N; ai++) if (!has[ai] && this.articles[ai].norm.includes(alt)) has[ai] = 1;
          }
          let df = 0;
          for (let ai = 0; ai < this.nArticles; ai++) df += has[ai];
          if (!has.includes(1) && WORD_RE.test(piece) && CJK_RE.test(piece) && !/[0-9a-z]/.test(piece) && !CN_NUMBER_RE.test(piece)) absent.push(piece);
          const w = this.damp(df);
          all += w;
          for (let ai = 0; ai < N; ai++) if (has[ai]) cover[ai] += w;
        }
      }
      return [cover, all, absent];
    }

    /* per article: summed chunk scores, summed matched shares, the terms each chunk matched, the
       variants found verbatim; and the chunks that matched anywhere */
    score(q) {
      const p = this.p;
      const k1 = p.k1;
      const N = this.articles.length;
      const total = new Float64Array(N), share = new Float64Array(N);
      const found = new Map(), phrases = new Map();
      const hitChunks = new Set(), artChunks = new Set();
      for (const chunk of q.chunks) {
        const best = new Map(); // article index → [score, share, matched, phrase]
        for (const v of this.variants(chunk)) {
          const terms = this.terms(v);
          if (!terms.length) continue;
          const tnums = terms.map(([t, , units]) => this.termNumber(t, units));
          const weights = terms.map(([, w], k) => w * (tnums[k] !== undefined ? this.idfOf(tnums[k]) : this.idfMax));
          let full = 0;
          for (const wt of weights) full += wt;
          let npairs = 0;
          for (const [t] of terms) if (t.startsWith("b:")) npairs++;
          const sc = new Map(), got = new Map(), matched = new Map(), pairsHit = new Map();
          terms.forEach(([t], k) => {
            const tn = tnums[k];
            if (tn === undefined) return;
            const wt = weights[k];
            for (let x = this.postStart[tn]; x < this.postStart[tn + 1]; x++) {
              const ai = this.postArt[x], tf = this.postTf[x];
              sc.set(ai, (sc.get(ai) || 0) + (wt * tf * (k1 + 1)) / (tf + this.norms[ai]));
              got.set(ai, (got.get(ai) || 0) + wt);
              let m = matched.get(ai);
              if (!m) matched.set(ai, (m = []));
              m.push([t, wt]);
              if (t.startsWith("b:")) pairsHit.set(ai, (pairsHit.get(ai) || 0) + 1);
            }
          });
          const verbatim = new Set();
          if (npairs)
            for (const [ai, c] of pairsHit) if (c === npairs && this.articles[ai].norm.includes(v)) verbatim.add(ai);
          let nv = 0;
          for (const ai of verbatim) if (ai < this.nArticles) nv++;
          const phrase = verbatim.size ? p.phrase * this.idf(nv) : 0.0;
          const order = [...sc.keys()].sort((x, y) => x - y);
          for (const ai of order) {
            let s = sc.get(ai), g = got.get(ai);
            if (s <= 0) continue;
            if (verbatim.has(ai)) {
              s += phrase;
              g = full;
            }
            const b = best.get(ai);
            if (!b || s > b[0]) best.set(ai, [s, full > 0 ? g / full : 0, matched.get(ai), verbatim.has(ai) ? v : null]);
          }
        }
        for (const [ai, b] of best) {
          if (b[0] > 0) {
            hitChunks.add(chunk);
            if (ai < this.nArticles) artChunks.add(chunk);
            total[ai] += b[0];
            share[ai] += b[1];
            if (!found.has(ai)) found.set(ai, []);
            found.get(ai).push(b[2]);
            if (b[3] !== null) {
              if (!phrases.has(ai)) phrases.set(ai, []);
              phrases.get(ai).push(b[3]);
            }
          }
        }
      }
      return [total, share, found, phrases, hitChunks, artChunks];
    }
    /* One result: a's unit with the most query weight (or the unit `eid` the query named), its
       snippet with the matched terms marked, and the terms the page highlights. */
    hit(a, score, found, phrases, eid) {
      const p = this.p;
      const weight = new Map();
      const marks = [];
      for (const matched of found) {
        const words = matched.filter(([t]) => t.startsWith("w:"));
        for (const [t, w] of matched) {
          const s = t.slice(2);
          weight.set(s, Math.max(weight.has(s) ? weight.get(s) : 0.0, w));
        }
        for (const [t] of words.length ? words : matched) if (!marks.includes(t.slice(2))) marks.push(t.slice(2));
      }
      let bestU = 0, bestW = 0.0;
      a.units.forEach((u, ui) => {
        let w1 = 0;
        for (const [s, wt] of weight) if (u.folded.includes(s)) w1 += wt;
        let w2 = 0;
        for (const ph of phrases) if (u.folded.includes(ph)) w2 += p.phrase;
        const w = w1 + w2;
        if (w > bestW) {
          bestU = ui;
          bestW = w;
        }
      });
      if (eid) {
        const named = a.units.findIndex((x) => x.eid === eid);
        if (named >= 0) bestU = named;
      }
      const u = a.units[bestU];
      const text = Array.from(u.text);
      const folded = Array.from(u.folded);
      const mask = new Array(text.length).fill(false);
      for (const m of marks) {
        const needle = Array.from(m);
        for (const at of findAll(folded, needle)) for (let k = at; k < at + needle.length; k++) mask[k] = true;
      }
      const firstAt = mask.indexOf(true);
      const first = firstAt >= 0 ? firstAt : 0;
      const size = p.snippet;
      const lo = text.length <= size ? 0 : Math.max(0, Math.min(first - p.before, text.length - size));
      const hi = Math.min(text.length, lo + size);
      const label = a.doc ? "" : u.label;
      let out = label || lo > 0 ? (lo === 0 ? escape(label) : "…") : "";
      for (let i = lo; i < hi; ) {
        let j = i;
        while (j < hi && mask[j] === mask[i]) j++;
        const seg = escape(text.slice(i, j).join(""));
        out += mask[i] ? "<mark>" + seg + "</mark>" : seg;
        i = j;
      }
      if (hi < text.length) out += "…";
      const runs = [];
      for (let i = 0; i < text.length; ) {
        let j = i;
        while (j < text.length && mask[j] === mask[i]) j++;
        const r = text.slice(i, j).join("");
        if (mask[i] && !runs.includes(r)) runs.push(r);
        i = j;
      }
      const terms = {};
      for (const r of runs) if (!runs.some((x) => x !== r && x.includes(r))) terms[r] = true;
      if (a.doc)
        return {
          location: a.url,
          title: escape(a.title),
          score,
          article: null,
          unit: u.eid ? a.url + "#" + u.eid : a.url,
          unitTitle: escape(u.label || a.title),
          text: out,
          terms,
        };
      const loc = a.url + "#art_" + a.number;
      return {
        location: loc,
        title: escape(a.title),
        score,
        article: a.number,
        unit: loc + "__" + u.eid,
        unitTitle: unitTitle(u.eid),
        text: out,
        terms,
      };
    }

    /* The whole answer to a query: {query, answer, notice, results}. The answer card comes from
       gcanswer.js (globalThis.gcanswer, concatenated after this file in the served worker) when it is
       loaded and finds a norm that fits; this file never words an answer itself. */
    respond(query) {
      const r = this.run(query);
      let answer = null;
      if (r.hits.length && !(r.notice && r.notice.kind === "uncovered") && globalThis.gcanswer && typeof globalThis.gcanswer.answer === "function") {
        try {
          answer = this.checkAnswer(cleanAnswer(globalThis.gcanswer.answer(this, query, r.hits)));
        } catch (err) {
          if (err instanceof NormsPending) throw err; // answered again when the records are in
          if (typeof console !== "undefined") console.warn("gcsearch: answer failed", err);
          answer = null;
        }
      }
      return { query: typeof query === "string" ? query : "", answer, notice: r.notice, results: r.hits };
    }

    /* An answer stands only if it cites a unit of a real article: its link is then that unit's URL. */
    checkAnswer(answer) {
      if (!answer) return null;
      const a = this.article(answer.article);
      if (!a) return null;
      const eids = ["", ...a.units.map((u) => u.eid)];
      const eid = eids.find((e) => e === answer.unit || this.unitUrl(a.number, e) === answer.url);
      if (eid === undefined) return null;
      answer.unit = eid;
      answer.url = this.unitUrl(a.number, eid);
      if (!answer.source) answer.source = this.citation(a.number, eid);
      return answer;
    }

    /* For gcanswer.js: the article numbered n as the engine holds it ({number, heading, chapter, url,
       units: [{eid, label, text, folded}], norms: the index's norm records, parsed on first asking}), or undefined. */
    article(n) {
      const a = this.byNumber.get(n);
      if (!a || a.doc) return undefined;
      if (a.norms === null) {
        if (this.normsPending) throw new NormsPending(n);
        a.norms = JSON.parse(a.normsText);
      }
      return a;
    }

    /* The served worker builds the engine from search/gc_index.json, which leaves the answer records
       out (they are most of the bytes, and only questions read them): until setNorms gives them (the
       object of search/gc_norms.json, article number → records as JSON text), article(n) throws
       NormsPending, and the worker answers that query again once they are in. */
    awaitNorms() {
      this.normsPending = true;
    }

    setNorms(byNumber) {
      for (const a of this.articles) {
        if (a.doc) continue;
        const text = byNumber[a.number];
        a.normsText = typeof text === "string" ? text : "[]";
        a.norms = null;
      }
      this.normsPending = false;
    }

    /* For gcanswer.js: how the text cites unit eid of article n: 第五十七条第三项 (an article of one
       paragraph is cited without 第一款), 第四十条第二款, 第五十九条 for eid "". */
    citation(n, eid) {
      const a = this.article(n);
      let t = eid ? unitTitle(eid) : "";
      if (a && t.startsWith("第一款") && !a.units.some((u) => u.eid.startsWith("para_2"))) t = t.slice(3);
      return "第" + intToCn(n) + "条" + t;
    }

    /* For gcanswer.js: the URL of unit eid of article n (the hits' `unit` form), or of the article. */
    unitUrl(n, eid) {
      const a = this.article(n);
      if (!a) return null;
      const loc = a.url + "#art_" + a.number;
      return eid ? loc + "__" + eid : loc;
    }

    /* pages without segmented text whose title matches a chunk (and that no hit already is) */
    pagesFor(q, hits) {
      const out = [];
      const have = new Set(hits.map((h) => h.location));
      for (const { location: loc, title } of this.docs) {
        if (have.has(loc)) continue;
        const t = fold(title, this.t2s);
        const tr = (t.match(RUN_RE) || []).join("");
        let sc = 0;
        for (const c of q.chunks) if (unitsOf(c).length >= 2 && (t.includes(c) || (tr.length >= 2 && c.includes(tr)))) sc += 1;
        if (sc > 0) out.push([sc, loc, title]);
      }
      out.sort((x, y) => y[0] - x[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
      return out.slice(0, 5).map(([sc, loc, title]) => ({
        location: loc, title: escape(title), score: sc, article: null, unit: "", unitTitle: "", text: "", terms: {},
      }));
    }
  }

  /* ---------------------------------------------------------------- mkdocs-material's worker protocol */

  const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;

  /* Results as the theme renders them: one list entry per result. For an article, the entry holds the
   * best paragraph (rendered as a section with its snippet) and the article itself last (rendered as
   * the entry's heading: the theme takes the last document when none is a whole page). Scores fall
   * with the rank, so that Enter opens the first result. */
  /* An answer as gcanswer gave it, reduced to strings (null if it lacks its text or link). */
  function cleanAnswer(a) {
    if (!a || typeof a !== "object" || typeof a.text !== "string" || !a.text || typeof a.url !== "string") return null;
    const str = (x) => (typeof x === "string" ? x : "");
    return { text: a.text, source: str(a.source), url: a.url, slot: str(a.slot), article: typeof a.article === "number" ? a.article : null, unit: str(a.unit) };
  }

  /* The lead entry's title HTML, the one place it is built: the answer card (its citation in <cite>)
     or the notice, every piece of text escaped. The attributes are what searchlead.js and the tests
     read: data-answer holds the answer's text, data-notice the notice's kind. */
  function leadHtml(response) {
    const a = response.answer;
    if (a) {
      const tail = a.source ? "（" + a.source + "）" : "";
      const body = tail && a.text.endsWith(tail) ? a.text.slice(0, -tail.length) : a.text;
      const cite = tail && a.text.endsWith(tail) ? "（<cite>" + escape(a.source) + "</cite>）" : "";
      // the card is our reading of the norm data, worded around the text's own quote: it says so
      return '<span class="gc-lead gc-lead--answer" data-answer="' + escape(a.text) + '">' + escape(body) + cite +
        '<span class="gc-lead-note">编者据条文整理，以原文为准</span></span>';
    }
    const n = response.notice;
    if (!n) return "";
    const more = n.kind === "uncovered" && n.suggest && n.suggest.length ? "<span class=\"gc-lead-more\">可查看" + escape(n.suggest[0].title) + "</span>" : "";
    const link = n.kind === "out_of_range" && n.url ? "<span class=\"gc-lead-more\">查看章节目录</span>" : "";
    return '<span class="gc-lead gc-lead--notice" data-notice="' + escape(n.kind) + '">' + escape(n.text) + "。" + more + link + "</span>";
  }

  /* Results as the theme renders them: one list entry per result, the lead entry (answer card or
   * notice) first. For an article, the entry holds the best paragraph (rendered as a section with its
   * snippet) and the article itself last (rendered as the entry's heading: the theme takes the last
   * document when none is a whole page). Scores fall with the rank and the lead's is the highest, so
   * that Enter opens the first entry. Takes a response (respond) or, as before, a list of hits. */
  function toItems(response) {
    if (Array.isArray(response)) response = { answer: null, notice: null, results: response };
    const hits = response.results || [];
    const items = hitItems(hits);
    const lead = [];
    const top = hits.length + 1;
    if (response.answer) {
      // the cited paragraph opens with the query's words highlighted, as the article's own result would
      const same = hits.find((h) => h.article === response.answer.article);
      const terms = {};
      if (same) for (const [t, found] of Object.entries(same.terms)) if (found) terms[t] = true;
      lead.push([{ location: response.answer.url, title: leadHtml(response), text: "", score: top + 1, terms }]);
    }
    else if (response.notice) {
      const n = response.notice;
      lead.push([{ location: n.url || "", title: leadHtml(response), text: "", score: top + 1, terms: {} }]);
      // the other suggestions, as pages: never links to an article
      for (const sg of (n.suggest || []).slice(n.url ? 1 : 0))
        lead.push([{ location: sg.url, title: escape(sg.title), text: "", score: top, terms: {} }]);
    }
    return lead.concat(items);
  }

  function hitItems(hits) {
    return hits.map((h, i) => {
      const score = hits.length - i;
      if (h.article === null) {
        if (h.unit && h.unit !== h.location)
          return [
            { location: h.unit, title: h.unitTitle, text: h.text, score: score + 0.5, terms: h.terms },
            { location: h.unit, title: h.title, text: "", score, terms: h.terms },
          ];
        return [{ location: h.location, title: h.title, text: h.text, score, terms: h.terms }];
      }
      // Both links open the paragraph (issue 11: a result lands on its best paragraph, not the
      // article's top), the heading's too; the theme takes the last document as the heading when
      // every location has an anchor. The paragraph scores a little above its article (less than the
      // next result): Enter, which follows the highest score, opens it either way.
      return [
        { location: h.unit, title: h.unitTitle, text: h.text, score: score + 0.5, terms: h.terms },
        { location: h.unit, title: h.title, text: "", score, terms: h.terms },
      ];
    });
  }

  const api = { Engine, NormsPending, fold, escape, cnToInt, intToCn, numberVariants, unitTitle, toItems, leadHtml };
  globalThis.gcsearch = api;

  // --- for gcanswer.js (answer cards): how the index's text is cut into units and tokens ---
  Object.assign(api, { unitsOf, isWord, dec });
  // --- end gcanswer.js ---

  // Inside a web worker (the site) only: answer mkdocs-material's messages. Elsewhere (V8 embedded in
  // Python) the file only defines globalThis.gcsearch.
  if (typeof self !== "undefined" && typeof importScripts === "function") {
    // The served worker fetches its own data the moment it starts (GCSEARCH_DATA, set by the line
    // search.worker_source puts before this file: the addresses, from here, of search/gc_index.json and
    // search/gc_norms.json). The theme's main thread then fetches and parses only its small
    // search_index.json and copies nothing large into the worker. The ranking data comes first; the
    // answer records (most of the bytes, read only for questions) follow while the engine is built,
    // and a query that needs them waits for them. An index that carries config.gc itself (the offline
    // copy, which cannot fetch and has no worker location) is used as it comes, records included.
    const served = typeof GCSEARCH_DATA === "object" && typeof self.location !== "undefined" && typeof fetch === "function";
    const getJSON = (path) =>
      fetch(new URL(path, self.location.href)).then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status + " for " + r.url);
        return r.json();
      });
    const own = served ? getJSON(GCSEARCH_DATA.index) : null;
    const ownNorms = own ? own.then(() => getJSON(GCSEARCH_DATA.norms)) : null;
    // built as soon as its data is in, whether or not the theme's SETUP has come
    const ownEngine = own
      ? own.then((gc) => {
          const built = new Engine({ config: { gc } });
          built.awaitNorms();
          ownNorms
            .catch((err) => {
              console.warn("gcsearch: cannot read the answer records; searching without answer cards", err);
              return {};
            })
            .then((byNumber) => {
              built.setNorms(byNumber);
              held = false;
              schedule();
            });
          return built;
        })
      : null;
    if (ownEngine) ownEngine.catch(() => {}); // reported at SETUP, if the index needs it
    let engine = null;
    let ready = false;
    let pending = null;
    let scheduled = false;
    let held = false; // the pending query waits for the answer records
    const answer = () => {
      scheduled = false;
      const query = pending;
      pending = null;
      let items = [];
      try {
        if (engine && typeof query === "string") items = toItems(engine.respond(query));
      } catch (err) {
        if (err instanceof NormsPending) {
          // unless a newer query came meanwhile, this one is answered when the records are in
          if (pending === null) pending = query;
          held = true;
          return;
        }
        console.warn("gcsearch: query failed", err);
      }
      self.postMessage({ type: RESULT, data: { items } });
    };
    const schedule = () => {
      if (ready && !held && pending !== null && !scheduled) {
        scheduled = true;
        setTimeout(answer, 0);
      }
    };
    const setup = async (index) => {
      try {
        const config = (index && index.config) || {};
        if (config.gc) engine = new Engine(index);
        else if (ownEngine) engine = await ownEngine;
        else throw new Error("the index has no data (config.gc) and there is none to fetch");
      } catch (err) {
        console.warn("gcsearch: cannot read the search index", err);
        engine = null;
      }
      ready = true;
      self.postMessage({ type: READY });
      schedule();
    };
    self.addEventListener("message", (ev) => {
      const msg = ev.data || {};
      if (msg.type === SETUP) {
        ready = false;
        setup(msg.data);
      } else if (msg.type === QUERY) {
        // answer only the newest query when several arrive while one is being answered (or before the
        // engine is ready)
        pending = msg.data;
        schedule();
      }
    });
  }
})();
