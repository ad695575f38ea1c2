"""Read dataset 1.x (schema 1.0: `obligations`) in the 2.0 shape (`norms`), so `gcrules diff` compares across the rename.

The mapping is mechanical and claims no more than 1.0 said: every 1.0 tag was a duty; a tag whose cue was
`none` was assigned by construction; several bearers are read distributively (each).
"""

from __future__ import annotations

# 1.0's `auxiliary` did not say what part a party played. 2.0 has no untyped role, so the upgrade keeps them
# where the diff can still see them (Norm.parties) under `recipient`, the weakest claim among the roles:
# the party is told or sent something. The diff compares norms by kind, modality, bearers and quote, never
# by role, so this choice cannot show up as a change.
LEGACY_ROLE = "recipient"


def is_v1_article(d: object) -> bool:
    return isinstance(d, dict) and "obligations" in d and "norms" not in d


def upgrade_norm(o: dict) -> dict:
    out = {k: v for k, v in o.items() if k not in ("cue", "auxiliary")}
    out["kind"] = "duty"
    cue = o.get("cue")
    out["construction"] = "explicit" if cue and cue != "none" else "assigned"
    if out["construction"] == "explicit":
        out["cue"] = cue
    if len(o.get("bearers", ())) > 1:
        out["bearer_mode"] = "each"
    if o.get("auxiliary"):
        out["roles"] = {LEGACY_ROLE: list(o["auxiliary"])}
    return out


def upgrade_article(d: dict) -> dict:
    """A 1.0 article dict → the same article with `norms`; anything else is returned unchanged."""
    if not is_v1_article(d):
        return d
    out = {k: v for k, v in d.items() if k != "obligations"}
    norms = d["obligations"]
    out["norms"] = [upgrade_norm(o) if isinstance(o, dict) else o for o in norms] if isinstance(norms, list) else norms
    # keep the published key order: norms where obligations stood
    order = [("norms" if k == "obligations" else k) for k in d]
    return {k: out[k] for k in order}


def upgrade_bundle(bundle: dict) -> dict:
    """A 1.0 rules.json → 2.0 shape (schema_version "2.0"); a 2.0 bundle is returned unchanged."""
    articles = bundle.get("articles")
    if not isinstance(articles, list) or not any(is_v1_article(a) for a in articles):
        return bundle
    return {**bundle, "schema_version": "2.0", "articles": [upgrade_article(a) for a in articles]}
