# MkDocs hooks (mkdocs.yml `hooks:`): the work is done by the package, this file only names it.
from gangcheng_rules.hook import on_config, on_files, on_page_content, on_post_build, on_post_page  # noqa: F401
