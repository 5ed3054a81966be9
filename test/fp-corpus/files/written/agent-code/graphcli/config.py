"""Reading and checking a graph server's deployment config (graphserver.json)."""

import json
import os
import pathlib
import re
from typing import NamedTuple, TypedDict

NODE_VERSION_FLOOR = "22"
DEFAULT_PYTHON_VERSION = "3.12"
BASE_DISTRO = "wolfi"

# Build commands that would copy the environment file into the image are refused.
_FORBIDDEN_BUILD_CONTENT = re.compile(r"\b(?:cat|cp)\s+[^;&|]*\.env\b")


class _Version(NamedTuple):
    major: int
    minor: int


class Config(TypedDict, total=False):
    python_version: str
    node_version: str
    image_distro: str
    dependencies: list[str]
    graphs: dict[str, str | dict]
    env: str | dict[str, str]
    dockerfile_lines: list[str]
    auth: dict
    store: dict


def has_forbidden_build_command(command: str) -> bool:
    return bool(_FORBIDDEN_BUILD_CONTENT.search(command))


def _parse_version(text: str) -> _Version:
    parts = text.split("-")[0].split(".")
    if len(parts) == 1:
        return _Version(int(parts[0]), 0)
    return _Version(int(parts[0]), int(parts[1]))


def _is_js_graph(spec: str | dict) -> bool:
    path = spec if isinstance(spec, str) else spec.get("path", "")
    file = path.split(":", 1)[0]
    return file.endswith((".ts", ".mts", ".js", ".mjs"))


def check_config(raw: dict) -> Config:
    """Fill in defaults and reject what cannot be built."""
    graphs = raw.get("graphs") or {}
    if not graphs:
        raise ValueError("graphserver.json needs at least one graph under 'graphs'")
    node = any(_is_js_graph(spec) for spec in graphs.values())
    config: Config = {
        "python_version": raw.get("python_version", None if node else DEFAULT_PYTHON_VERSION),
        "node_version": raw.get("node_version", NODE_VERSION_FLOOR if node else None),
        "image_distro": raw.get("image_distro", BASE_DISTRO),
        "dependencies": list(raw.get("dependencies") or []),
        "graphs": graphs,
        "env": raw.get("env") or {},
        "dockerfile_lines": list(raw.get("dockerfile_lines") or []),
        "auth": raw.get("auth") or None,
        "store": raw.get("store") or None,
    }
    if config["python_version"] and _parse_version(config["python_version"]) < (3, 11):
        raise ValueError(f"Python {config['python_version']} is too old: 3.11 or later is needed")
    for line in config["dockerfile_lines"]:
        if has_forbidden_build_command(line):
            raise ValueError(f"dockerfile_lines may not copy an env file into the image: {line!r}")
    env = config["env"]
    if isinstance(env, dict):
        # Values written in the config are build-time defaults; secrets belong in an env file.
        for name in env:
            if not re.fullmatch(r"[A-Z_][A-Z0-9_]*", name):
                raise ValueError(f"Invalid environment variable name: {name}")
    return config


def load_config(path: pathlib.Path) -> Config:
    with path.open(encoding="utf-8") as f:
        config = check_config(json.load(f))
    env = config["env"]
    if isinstance(env, str):
        env_file = (path.parent / env).resolve()
        if not env_file.exists():
            raise FileNotFoundError(f"The env file {env_file} named in {path.name} does not exist")
    return config


def env_from_file(path: pathlib.Path) -> dict[str, str]:
    """KEY=value lines of an env file, without comments; values are not printed anywhere."""
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        values[name.strip()] = value.strip().strip('"').strip("'")
    values.setdefault("GRAPHSERVER_ENV", os.environ.get("GRAPHSERVER_ENV", "production"))
    return values
