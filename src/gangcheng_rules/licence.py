"""The one licence statement, used word for word by the site, datapackage.json and the OpenAPI description.

The legal text is an official document, outside copyright (Copyright Law of the PRC, art. 5); the
editorial annotations are dedicated to the public domain with CC0 1.0 (the identifier the OpenAPI
description already gave), so the whole dataset can be reused without conditions.
"""

IDENTIFIER = "CC0-1.0"
URL = "https://creativecommons.org/publicdomain/zero/1.0/"
ZH = "条文为国家机关的规范性文件，依《中华人民共和国著作权法》第五条不适用该法保护；编者所加的标注（主题、规范、链接、说明）以 CC0 1.0 公共领域贡献宣告发布。可自由复制、转载和再利用，请注明出处并勿改动条文文字。"
EN = "Legal text: an official document, not subject to copyright (Copyright Law of the PRC, art. 5). Editorial annotations (subjects, norms, links, notes): CC0 1.0 public domain dedication. Reuse freely; please cite the issuer and do not alter the legal text."
