"""The MkDocs plugin: registered by its entry point, and ordered against mkdocs-material's search plugin."""

from __future__ import annotations

from importlib.metadata import entry_points

from material.plugins.search.plugin import SearchPlugin
from mkdocs.plugins import PluginCollection

from gangcheng_rules.plugin import GangchengRulesPlugin


def test_mkdocs_finds_the_plugin_by_the_name_mkdocs_yml_gives_it():
    (ep,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "gangcheng-rules"]
    assert ep.load() is GangchengRulesPlugin


def test_our_index_is_written_after_the_search_plugin_writes_its_own_even_when_listed_first():
    plugins = PluginCollection()
    ours, search = GangchengRulesPlugin(), SearchPlugin()
    plugins["gangcheng-rules"] = ours  # listed before search: priority, not the list order, decides
    plugins["search"] = search
    order = [event.__self__ for event in plugins.events["post_build"]]
    assert order.index(ours) > order.index(search)
