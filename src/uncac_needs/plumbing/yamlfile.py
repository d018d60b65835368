"""Reading the YAML files a person writes (session files, mapping files): strict, and plain about errors.

- The text must be UTF-8 (a byte-order mark is fine); GBK, UTF-16 and other encodings are named and
  refused with the advice to save the file as UTF-8.
- A key given twice in the same mapping is refused (YAML would silently keep the last one).
- Dates stay text (`2020-02-30` is not turned into a Python error by the YAML reader): the schema that
  reads the file validates them and names the key.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from uncac_needs.plumbing.errors import UserError


class _StrictLoader(yaml.SafeLoader):
    """A safe loader that keeps timestamps as text and refuses duplicate keys."""


# no implicit timestamps: '2020-09-30' stays a string, and the schema parses (and names) it
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, line: int):
        super().__init__(f"key '{key}' given twice (the second time on line {line})")
        self.key, self.line = key, line


def _mapping_without_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise DuplicateKey(key, key_node.start_mark.line + 1)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _encoding_problem(data: bytes) -> str | None:
    """A short name for the encoding a non-UTF-8 file is probably in, or None if it is UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        return "UTF-16"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("gb18030")
            return "a Chinese encoding such as GBK"
        except UnicodeDecodeError:
            return "an encoding other than UTF-8"
    return None


def load(path: Path | str, what: str) -> Any:
    """The YAML document in `path`; `what` names the file in messages ("The session file")."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"{what} {path} cannot be read ({exc.strerror}).") from None
    encoding = _encoding_problem(data)
    if encoding:
        raise UserError(f"{what} {path} is not saved as UTF-8 (it looks like {encoding}); open it in a text "
                        "editor and save it as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8).")
    text = data.decode("utf-8-sig")
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except DuplicateKey as exc:
        raise UserError(f"{what} {path} gives the key '{exc.key}' twice (again on line {exc.line}); "
                        "keep one of them.") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{what} {path} is not valid YAML ({' '.join(str(exc).split())[:160]}).") from None
