/*
 * gcanswer.js: answer cards. Served after gcsearch.js in the same worker file (search.worker_source()),
 * and run in V8 from Python the same way, so the CLI's answer is the browser's.
 *
 * gcanswer.answer(engine, query, hits) → null | {text, source, url, slot, article, unit}
 *
 * 1. The asked slot comes from the query's question words (folded as the engine folds: traditional →
 *    simplified, full-width → half-width): the first rule of SLOTS that matches. No question word, no card.
 * 2. The query's content is what the engine searches with (engine.parse: question and function words
 *    dropped), minus the slot's own words (批准, 签发, 程序…), which say what is asked, not about what.
 * 3. Among the answer records (index articles[i].norms, JSON text written by gangcheng_rules.answers) of the top
 *    TOP article hits, the records having that slot are scored by how much of the content they cover:
 *    each chunk with its best variant (numbers, synonyms: engine.variants), its terms (engine.terms)
 *    weighted by the engine's idf, so a word every article has (区政府) counts for little.
 * 4. The best record answers if it matches a word or a pair of the content and covers at least MIN_COVER
 *    of it (MIN_COVER_FIRST in the article the ranking put first: the ranking has already judged the
 *    article; MIN_COVER_ONLY when it is also that article's only record for the slot, so there is no
 *    other answer there to confuse it with); otherwise there is no card: never a guessed answer.
 * 5. The card's text is the record's phrase and its citation (第五十七条第三项: the article's heading, the
 *    paragraph when the article has several, the item), both from the index; it never echoes the query.
 *    Its url is the unit's anchor, in the form of a hit's `unit`.
 *
 * It ranks nothing: it reads gcsearch.js's pieces only: Engine.normalise, parse, cut, variants, terms,
 * termNumber, idfOf, idfMax, wordTerms, p.maxq, article(n)/citation(n, eid)/unitUrl(n, eid) where the
 * engine has them (else its articles and gc, the index it was built from), gc.parties; gcsearch.unitsOf,
 * isWord, dec, unitTitle.
 */
(function () {
  "use strict";

  const G = globalThis.gcsearch;
  const TOP = 3; // article hits whose norms may answer
  const MIN_COVER = 0.6; // share of the query's content weight a record must match…
  const MIN_COVER_FIRST = 0.4; // …or, in the article the ranking put first, this share…
  const MIN_COVER_ONLY = 0.25; // …or this, when it is that article's only record for the slot
  const RANK_DECAY = 0.1; // a record of the second hit needs this much more cover to beat the first's
  const VERBATIM = 0.1; // added per share of the content found verbatim in the record (orders, never admits)

  /* slot → question words of the folded query; the first that matches is the slot asked. More specific
     slots come first (谁批准 is an approver question before it is a who question). */
  const SLOTS = [
    // the act right after 谁 says what is asked (签发前谁审签: who reviews)
    ["approver", /谁(?:来|先|去)?(?:批|审批|同意|点头|拍板)/],
    ["signer", /谁(?:来|先|去)?签/],
    ["reviewer", /谁(?:来|先|去)?审/],
    ["approver", /谁批|谁审批|批准|审批|批不批|(?:跟|向|找|和)谁请假|请假.{0,6}(?:跟|向|找)谁/],
    ["signer", /签发|签批/],
    ["reviewer", /审核|把关|审签|谁.{0,10}审查|审查.{0,6}谁/],
    ["often", /(?:多久|多长时间|多少天|几个月|几天).{0,6}一[次回趟]|隔多久|频率|频次|几次|多少次|几回|多少回/],
    ["when", /什么时候|何时|提前几|提前多|(?:多久|多长时间|几天)(?:之前|以前|前|之内|以内|内|办完|完成|办结|答复|回复)|前多久|之前多久|时限|期限|截止/],
    ["many", /多少人|几个人|几分之几|多少字|几个字|字数|人数|多长|多少分钟|几分钟|几种|多少种|几件|多少件|几项|多少项|多少/],
    ["may", /能不能|可不可以|可以不|可否|能否|是否|要不要|需不需要|需要不需要|用不用|允不允许|准不准|行不行|该不该|应不应该|(?:能|可以|需要|要|必须|得|准|允许|应当|应该).{0,30}(?:吗|(?<![怎什那这多])么)/],
    // 程序, 流程… alone name a topic (重大行政决策程序 is a keyword query); asked about, they ask how
    ["how", /怎么办|怎么处理|怎样处理|如何处理|怎么弄|怎么做|怎么走|怎么操作|如何办理|怎么办理|(?:程序|流程|手续|步骤).{0,6}(?:是什么|有哪些|是啥|怎么|如何|吗|呢|[？?])|(?:什么|哪些|怎么|如何|啥).{0,6}(?:程序|流程|手续|步骤)/],
    ["who", /谁|哪个部门|哪些部门|哪个单位|哪个机构|什么部门|什么单位|什么人|由哪/],
  ];
  /* words that name the slot asked: optional content, counted only when a record has them too */
  const SLOT_WORDS = {
    approver: ["审批", "批准", "批不批", "同意", "点头", "拍板", "请假"],
    signer: ["签发", "签批"],
    reviewer: ["审核", "审查", "审签", "把关"],
    often: ["一次", "一回", "频率", "频次", "多少次", "几次", "几回", "多少回", "隔"],
    when: ["提前几天", "时限", "期限", "截止", "之前", "以前"],
    many: ["人数", "字数", "几分之几", "多少字", "几个字", "多少人", "几个人", "多少分钟", "几分钟", "几种", "多少种", "几件", "多少件", "几项", "多少项"],
    may: ["必须", "允许", "应当"],
    how: ["怎么处理", "怎样处理", "如何处理", "程序", "流程", "手续", "步骤", "办理"],
    who: ["部门", "单位", "机构", "负责"],
  };

  /* the slot asked by a query, or null */
  function detect(engine, query) {
    const q = folded(engine, query);
    for (const [slot, re] of SLOTS) if (re.test(q)) return slot;
    return null;
  }

  function folded(engine, query) {
    return engine.normalise(Array.from(query).slice(0, engine.p.maxq).join(""));
  }

  /* the query's content: chunks, each a list of variants, each a list of [term, weight]. Pairs of units
     joining two words of the cut (负责人|外出 → 人外) are left out: the words count as words, and such a
     pair matched in a record is chance. The slot's own words (批准, 签发…) are optional chunks: they count
     when the record has them and cost nothing when it words them otherwise. */
  function content(engine, query, slot) {
    let q = folded(engine, query);
    const optional = [];
    const words = [...(SLOT_WORDS[slot] || [])].sort((a, b) => b.length - a.length);
    for (const w of words)
      if (q.includes(w)) {
        q = q.split(w).join(" ");
        optional.push(w);
      }
    const chunks = [];
    const add = (chunk, opt) => {
      const variants = [], forms = [];
      for (const v of engine.variants(chunk)) {
        const us = G.unitsOf(v);
        const pieceOf = [], size = [];
        engine.cut(v).forEach((piece, k) => {
          const n = G.unitsOf(piece).length;
          for (let i = 0; i < n; i++) pieceOf.push(k);
          size.push(n);
        });
        let pair = -1;
        const terms = [];
        for (const [t, w, units] of engine.terms(v, false)) {
          if (t.startsWith("b:")) {
            pair++;
            const a = pieceOf[pair], b = pieceOf[pair + 1];
            if (us.length > 1 && a !== b && size[a] > 1 && size[b] > 1) continue;
          }
          const tn = engine.termNumber(t, units);
          terms.push([t, w * (tn !== undefined ? engine.idfOf(tn) : engine.idfMax)]);
        }
        if (terms.length) {
          variants.push(terms);
          forms.push(v);
        }
      }
      if (variants.length) chunks.push({ variants, forms, optional: opt });
    };
    for (const chunk of engine.parse(q).chunks) add(chunk, false);
    for (const w of optional) for (const chunk of engine.parse(w).chunks) add(chunk, true);
    return chunks;
  }

  /* per engine: the party names (folded, longest first) and, article by article as asked, its records
     with their terms and folded text */
  const prepared = new WeakMap();

  function preparedOf(engine) {
    let cached = prepared.get(engine);
    if (!cached) {
      const names = (engine.gc && engine.gc.parties) || engine.parties || [];
      const parties = names.map((p) => engine.normalise(p)).sort((x, y) => y.length - x.length);
      cached = { parties, byNumber: new Map() };
      prepared.set(engine, cached);
    }
    return cached;
  }

  function entryOf(engine, n) {
    const { byNumber } = preparedOf(engine);
    if (byNumber.has(n)) return byNumber.get(n);
    // gcsearch's Engine (this file runs after it, in the same worker) parses the article's records on first asking
    const a = engine.article(n);
    let entry = null;
    if (a && Array.isArray(a.norms)) {
      const records = a.norms.map((rec) => {
        const toks = G.dec(rec.tokens || "").map((t) => engine.normalise(t));
        return { rec, terms: termsOf(engine, toks), text: toks.filter((t) => t !== "|").join("") };
      });
      entry = { article: a, records };
    }
    byNumber.set(n, entry);
    return entry;
  }

  /* the party names a folded query holds, longest first (办公室主任, not also 办公室 inside it) */
  function partiesIn(parties, q) {
    const out = [];
    for (const p of parties) {
      if (q.includes(p)) {
        out.push(p);
        q = q.split(p).join("\u0000");
      }
    }
    return out;
  }

  /* a record's terms as the engine's keys (words with the lexicon's words inside them, characters, pairs
     of units within and across adjacent words) → weight (a word found inside a longer one: sub) */
  function termsOf(engine, toks) {
    const out = new Map();
    const put = (k, w) => {
      if (!(out.get(k) >= w)) out.set(k, w);
    };
    let prev = null;
    for (const f of toks) {
      const us = G.unitsOf(f);
      if (!us.length || !G.isWord(f)) {
        prev = null;
        continue;
      }
      for (const [t, w] of engine.wordTerms(f, us, true)) put(t, w);
      us.forEach((u, k) => {
        put("c:" + u, 1.0);
        if (k > 0) put("b:" + us[k - 1] + u, 1.0);
      });
      if (prev !== null) put("b:" + prev + us[0], 1.0);
      prev = us[us.length - 1];
    }
    return out;
  }

  /* the share of the content's weight a record's terms match, whether a word or pair matched, and the
     share of the content found verbatim in the record's text */
  function cover(chunks, terms, text) {
    let got = 0, full = 0, real = false, exact = 0, core = 0;
    for (const chunk of chunks) {
      const { variants, optional } = chunk;
      let weight = 0;
      for (const [, w] of variants[0]) weight += w;
      let best = 0, bestReal = false;
      if (!optional) {
        core += weight;
        if (chunk.forms.some((v) => G.unitsOf(v).length > 1 && text.includes(v))) exact += weight;
      }
      for (const vt of variants) {
        let m = 0, f = 0, r = false;
        for (const [t, w] of vt) {
          f += w;
          const hit = terms.get(t);
          if (hit !== undefined) {
            m += w * hit;
            if (!t.startsWith("c:")) r = true;
          }
        }
        if (f > 0 && m / f > best) {
          best = m / f;
          bestReal = r;
        }
      }
      if (optional && best === 0) continue;
      if (!optional && bestReal) real = true;
      got += weight * best;
      full += optional ? weight * best : weight;
    }
    return [full > 0 ? got / full : 0, real, core > 0 ? exact / core : 0];
  }

  /* 第五十七条第三项: the article's heading, its paragraph when it has several, its item (gcsearch's
     Engine.citation when it has one: the one way the site cites a unit) */
  function citation(engine, article, unit) {
    if (typeof engine.citation === "function") return engine.citation(article.number, unit);
    const paragraphs = article.units.filter((u) => u.eid.indexOf("__") < 0).length;
    const parts = unit.split("__").filter((p) => paragraphs > 1 || !p.startsWith("para_"));
    return article.heading + G.unitTitle(parts.join("__"));
  }

  /* the unit's link, in the form of a hit's `unit` */
  function unitUrl(engine, article, unit) {
    if (typeof engine.unitUrl === "function") return engine.unitUrl(article.number, unit);
    return article.url + "#art_" + article.number + "__" + unit;
  }

  /* every record of the top hits having the asked slot, with its cover, best first (ties: rank, norm order).
     A record lacking a party the query names is not a candidate (it answers for someone else). Among
     records covering the content alike, one holding a chunk verbatim comes first (以区政府办公室名义制发的
     公文 is item 3's, not item 1's 以区政府名义制发的正式公文). */
  function candidates(engine, query, hits) {
    if (typeof query !== "string" || !engine || !Array.isArray(hits)) return [];
    const slot = detect(engine, query);
    if (slot === null) return [];
    const chunks = content(engine, query, slot);
    if (!chunks.some((c) => !c.optional)) return [];
    const { parties } = preparedOf(engine);
    const named = partiesIn(parties, folded(engine, query));
    const numbers = [];
    for (const h of hits) if (h && typeof h.article === "number" && !numbers.includes(h.article)) numbers.push(h.article);
    const out = [];
    numbers.slice(0, TOP).forEach((number, rank) => {
      const entry = entryOf(engine, number);
      if (!entry) return;
      for (const { rec, terms, text } of entry.records) {
        const phrase = rec.slots && rec.slots[slot];
        if (typeof phrase !== "string" || !phrase) continue;
        if (!named.every((p) => text.includes(p))) continue;
        const [share, real, verbatim] = cover(chunks, terms, text);
        const score = (share + VERBATIM * verbatim) * (1 - RANK_DECAY * rank);
        out.push({ slot, share, real, score, rank, id: rec.id, phrase, rec, article: entry.article, only: false });
      }
    });
    const first = out.filter((c) => c.rank === 0);
    if (first.length === 1) first[0].only = true;
    return out.sort((x, y) => y.score - x.score || x.rank - y.rank);
  }

  function answer(engine, query, hits) {
    const best = candidates(engine, query, hits).find((c) => c.real && c.share >= (c.only ? MIN_COVER_ONLY : c.rank === 0 ? MIN_COVER_FIRST : MIN_COVER));
    if (!best) return null;
    const a = best.article;
    const source = citation(engine, a, best.rec.unit);
    return {
      text: best.phrase + "（" + source + "）",
      source,
      url: unitUrl(engine, a, best.rec.unit),
      slot: best.slot,
      article: a.number,
      unit: best.rec.unit,
    };
  }

  globalThis.gcanswer = { answer, candidates, detect, SLOTS };
})();
