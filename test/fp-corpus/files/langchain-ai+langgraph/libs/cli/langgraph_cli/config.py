import copy
import json
import os
import pathlib
import re
import shlex
import textwrap
from collections import Counter
from typing import Literal, NamedTuple

import click
import httpx

from langgraph_cli.schemas import Config, Distros
from langgraph_cli.uv_lock import python_config_to_docker_uv_lock

MIN_NODE_VERSION = "20"
DEFAULT_NODE_VERSION = "20"

DISALLOWED_BUILD_COMMAND_CHARS = [
    '"',
    "`",
    "\\",
    "\n",
    "\r",
    "\0",
    "\t",
    "|",
    ";",
    "$",
    ">",
    "<",
]

# Regex pattern matching a single "&" that is NOT part of "&&".
# This blocks background execution (cmd &) while allowing command
# chaining (cmd1 && cmd2) which is common in build commands.
_SINGLE_AMPERSAND_RE = re.compile(r"(?<!&)&(?:&&)*(?!&)")
_API_VERSION_PATTERN = re.compile(
    r"^(?P<major>\d+)"
    r"(?:\.(?P<minor>\d+))?"
    r"(?:\.(?P<patch>\d+))?"
    r"(?:(?:\.|)(?:[A-Za-z][0-9A-Za-z]*))?$"
)
_API_VERSION_RANGE_PATTERN = re.compile(r"^(?P<operator>~=|>~=)\s*(?P<version>.+)$")
_API_VERSION_PART_PATTERN = re.compile(
    r"^(?P<major>\d+)"
    r"(?:\.(?P<minor>\d+))?"
    r"(?:\.(?P<patch>\d+))?"
    r"(?:(?:\.|)(?P<pre>dev|rc)(?P<pre_n>\d+))?$"
)


class _ParsedApiVersion(NamedTuple):
    release: tuple[int, ...]
    prerelease: str | None
    prerelease_number: int


class _ApiVersionRange(NamedTuple):
    floor: _ParsedApiVersion
    allow_future_stable: bool


_PRERELEASE_ORDER = {
    "dev": 0,
    "rc": 1,
    None: 2,
}


def has_disallowed_build_command_content(command: str) -> bool:
    """Check if a command string contains disallowed characters or patterns."""
    if any(char in command for char in DISALLOWED_BUILD_COMMAND_CHARS):
        return True
    if _SINGLE_AMPERSAND_RE.search(command):
        return True
    return False


MIN_PYTHON_VERSION = "3.11"
DEFAULT_PYTHON_VERSION = "3.11"

DEFAULT_IMAGE_DISTRO = "debian"


_BUILD_TOOLS = ("pip", "setuptools", "wheel")


def _get_pip_cleanup_lines(
    install_cmd: str,
    to_uninstall: tuple[str] | None,
    pip_installer: Literal["uv", "pip"],
) -> str:
    commands = [
        f"""# -- Ensure user deps didn't inadvertently overwrite langgraph-api
RUN mkdir -p /api/langgraph_api /api/langgraph_runtime /api/langgraph_license && \
touch /api/langgraph_api/__init__.py /api/langgraph_runtime/__init__.py /api/langgraph_license/__init__.py
RUN PYTHONDONTWRITEBYTECODE=1 {install_cmd} --no-cache-dir --no-deps -e /api
# -- End of ensuring user deps didn't inadvertently overwrite langgraph-api --
# -- Removing build deps from the final image ~<:===~~~ --"""
    ]
    if to_uninstall:
        for pack in to_uninstall:
            if pack not in _BUILD_TOOLS:
                raise ValueError(
                    f"Invalid build tool: {pack}; must be one of {', '.join(_BUILD_TOOLS)}"
                )
        packs_str = " ".join(sorted(to_uninstall))
        commands.append(f"RUN pip uninstall -y {packs_str}")
        # Ensure the directories are removed entirely
        packages_rm = " ".join(
            f"/usr/local/lib/python*/site-packages/{pack}*" for pack in to_uninstall
        )
        if "pip" in to_uninstall:
            packages_rm += ' && find /usr/local/bin -name "pip*" -delete || true'
        commands.append(f"RUN rm -rf {packages_rm}")
        wolfi_packages_rm = " ".join(
            f"/usr/lib/python*/site-packages/{pack}*" for pack in to_uninstall
        )
        if "pip" in to_uninstall:
            wolfi_packages_rm += ' && find /usr/bin -name "pip*" -delete || true'
        commands.append(f"RUN rm -rf {wolfi_packages_rm}")
        if pip_installer == "uv":
            commands.append(
                f"RUN uv pip uninstall --system {packs_str} && rm /usr/bin/uv /usr/bin/uvx"
            )
    else:
        if pip_installer == "uv":
            commands.append(
                "RUN rm /usr/bin/uv /usr/bin/uvx\n# -- End of build deps removal --"
            )
    return "\n".join(commands)


def _parse_version(version_str: str) -> tuple[int, int]:
    """Parse a version string into a tuple of (major, minor)."""
    try:
        major, minor = map(int, version_str.split("-")[0].split("."))
        return (major, minor)
    except ValueError:
        raise click.UsageError(f"Invalid version format: {version_str}") from None


def _parse_node_version(version_str: str) -> int:
    """Parse a Node.js version string into a major version number."""
    try:
        if "." in version_str:
            raise ValueError("Node.js version must be major version only")
        return int(version_str)
    except ValueError:
        raise click.UsageError(
            f"Invalid Node.js version format: {version_str}. "
            "Use major version only (e.g., '20')."
        ) from None


def _parse_api_version_parts(version_str: str) -> tuple[int, ...]:
    """Parse an API version into numeric components.

    Supports optional prerelease suffixes, e.g. `0.9.0rc1`.
    """
    version_core = version_str.split("-", 1)[0]
    match = _API_VERSION_PATTERN.fullmatch(version_core)
    if not match:
        raise ValueError("Version must be major or major.minor or major.minor.patch.")
    return tuple(int(part) for part in match.groups() if part is not None)


def _parse_api_version(version_str: str) -> _ParsedApiVersion:
    match = _API_VERSION_PART_PATTERN.fullmatch(version_str)
    if not match:
        raise ValueError("Version must be major or major.minor or major.minor.patch.")
    release = tuple(
        int(part)
        for part in (
            match.group("major"),
            match.group("minor"),
            match.group("patch"),
        )
        if part is not None
    )
    prerelease = match.group("pre")
    prerelease_number = int(match.group("pre_n") or 0)
    return _ParsedApiVersion(release, prerelease, prerelease_number)


def _api_version_sort_key(
    version: _ParsedApiVersion,
) -> tuple[tuple[int, ...], int, int]:
    return (
        version.release,
        _PRERELEASE_ORDER[version.prerelease],
        version.prerelease_number,
    )


def _api_version_upper_bound(version: _ParsedApiVersion) -> tuple[int, ...]:
    release = version.release
    if len(release) <= 2:
        return (release[0] + 1,)
    return (release[0], release[1] + 1)


def _is_compatible_api_version_candidate(
    candidate: _ParsedApiVersion,
    version_range: _ApiVersionRange,
    upper_bound: tuple[int, ...],
) -> bool:
    floor = version_range.floor
    if _api_version_sort_key(candidate) < _api_version_sort_key(floor):
        return False
    outside_compatible_range = candidate.release[: len(upper_bound)] >= upper_bound
    if outside_compatible_range and not version_range.allow_future_stable:
        return False
    if outside_compatible_range and candidate.prerelease is not None:
        return False
    if floor.prerelease == "dev" and candidate.prerelease == "dev":
        return candidate == floor
    return True


def _ensure_compatible_api_version_base_image(base_image: str) -> None:
    if ":" in base_image:
        raise click.UsageError(
            "Compatible api_version ranges cannot be used with a tagged base_image."
        )


def _get_pypi_versions(package_name: str) -> list[str]:
    try:
        response = httpx.get(
            f"https://pypi.org/pypi/{package_name}/json",
            timeout=10,
        )
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise click.UsageError(
            f"Failed to fetch PyPI versions for {package_name}: {exc}"
        ) from None
    payload = response.json()
    releases = payload.get("releases", {})
    if not isinstance(releases, dict):
        raise click.UsageError(
            f"Failed to fetch PyPI versions for {package_name}: invalid response."
        )
    return [version for version in releases if isinstance(version, str)]


def _resolve_compatible_api_version(
    api_version: str,
    base_image: str,
    version_distro_tag: str,
) -> str:
    match = _API_VERSION_RANGE_PATTERN.fullmatch(api_version)
    if not match:
        return api_version

    floor_str = match.group("version").strip()
    try:
        floor = _parse_api_version(floor_str)
    except ValueError:
        raise click.UsageError(
            f"Invalid compatible api_version range: {api_version}.\n\n"
            "Use a compatible version range, e.g.:\n"
            '  "api_version": "~=0.11.0.dev5"\n'
            "or a stable-floating range, e.g.:\n"
            '  "api_version": ">~=0.11.0.dev5"'
        ) from None

    version_range = _ApiVersionRange(
        floor=floor,
        allow_future_stable=match.group("operator") == ">~=",
    )
    _ensure_compatible_api_version_base_image(base_image)
    pypi_versions = _get_pypi_versions("langgraph-api")

    candidates: list[tuple[_ParsedApiVersion, str]] = []
    upper_bound = _api_version_upper_bound(floor)
    for candidate_str in pypi_versions:
        try:
            candidate = _parse_api_version(candidate_str)
        except ValueError:
            continue
        if _is_compatible_api_version_candidate(candidate, version_range, upper_bound):
            candidates.append((candidate, candidate_str))

    if not candidates:
        raise click.UsageError(
            f"No PyPI releases match compatible api_version range {api_version!r} "
            f"for {base_image} with {version_distro_tag!r}."
        )

    return max(candidates, key=lambda item: _api_version_sort_key(item[0]))[1]


def _is_node_graph(spec: str | dict) -> bool:
    """Check if a graph is a Node.js graph based on the file extension."""
    if isinstance(spec, dict):
        spec = spec.get("path")

    file_path = spec.split(":")[0]
    file_ext = os.path.splitext(file_path)[1]

    return file_ext in [
        ".ts",
        ".mts",
        ".cts",
        ".js",
        ".mjs",
        ".cjs",
    ]


def _get_source_kind(config: Config) -> str | None:
    source = config.get("source")
    if not isinstance(source, dict):
        return None
    kind = source.get("kind")
    return kind if isinstance(kind, str) else None


def validate_config(config: Config) -> Config:
    """Validate a configuration dictionary."""

    graphs = config.get("graphs", {})

    some_node = any(_is_node_graph(spec) for spec in graphs.values())
    some_python = any(not _is_node_graph(spec) for spec in graphs.values())

    node_version = config.get(
        "node_version", DEFAULT_NODE_VERSION if some_node else None
    )
    python_version = config.get(
        "python_version", DEFAULT_PYTHON_VERSION if some_python else None
    )

    image_distro = config.get("image_distro", DEFAULT_IMAGE_DISTRO)
    internal_docker_tag = config.get("_INTERNAL_docker_tag")
    api_version = config.get("api_version")
    legacy_project_root = config.get("project_root")
    legacy_package = config.get("package")
    if internal_docker_tag:
        if api_version:
            raise click.UsageError(
                "Cannot specify both _INTERNAL_docker_tag and api_version."
            )
    if api_version:
        try:
            compatible_match = _API_VERSION_RANGE_PATTERN.fullmatch(api_version)
            parts = _parse_api_version_parts(
                compatible_match.group("version").strip()
                if compatible_match
                else api_version
            )
            if len(parts) > 3:
                raise ValueError(
                    "Version must be major or major.minor or major.minor.patch."
                )
        except (TypeError, ValueError):
            raise click.UsageError(
                f"Invalid version format: {api_version}.\n\n"
                "Pin to a minor version, e.g.:\n"
                '  "api_version": "0.8"'
            ) from None

    config = {
        "node_version": node_version,
        "python_version": python_version,
        "pip_config_file": config.get("pip_config_file"),
        "pip_installer": config.get("pip_installer", "auto"),
        "source": config.get("source"),
        "base_image": config.get("base_image"),
        "image_distro": image_distro,
        "dependencies": config.get("dependencies", []),
        "dockerfile_lines": config.get("dockerfile_lines", []),
        "graphs": config.get("graphs", {}),
        "env": config.get("env", {}),
        "store": config.get("store"),
        "auth": config.get("auth"),
        "encryption": config.get("encryption"),
        "http": config.get("http"),
        # Pass through webhooks config so it can be injected into the image
        "webhooks": config.get("webhooks"),
        "checkpointer": config.get("checkpointer"),
        "ui": config.get("ui"),
        "ui_config": config.get("ui_config"),
        "keep_pkg_tools": config.get("keep_pkg_tools"),
    }
    if internal_docker_tag:
        config["_INTERNAL_docker_tag"] = internal_docker_tag
    if api_version:
        config["api_version"] = api_version

    if config.get("node_version"):
        node_version = config["node_version"]
        try:
            major = _parse_node_version(node_version)
            min_major = _parse_node_version(MIN_NODE_VERSION)
            if major < min_major:
                raise click.UsageError(
                    f"Node.js version {node_version} is not supported. "
                    f"Minimum required version is {MIN_NODE_VERSION}.\n\n"
                    f"Set node_version to {MIN_NODE_VERSION} or higher:\n"
                    f'  "node_version": "{MIN_NODE_VERSION}"'
                )
        except ValueError as e:
            raise click.UsageError(str(e)) from None

    if pip_installer := config.get("pip_installer"):
        if pip_installer not in ["auto", "pip", "uv"]:
            raise click.UsageError(
                f"Invalid pip_installer: '{pip_installer}'. "
                "Consider using uv-based source management instead:\n\n"
                '  "source": {"kind": "uv", "root": ".."}'
            )

    source = config.get("source")
    source_kind = _get_source_kind(config)
    if source is not None and not isinstance(source, dict):
        raise click.UsageError(
            "`source` must be an object, e.g.:\n"
            '  "source": {"kind": "uv", "root": ".."}'
        )
    if source is not None and source_kind != "uv":
        raise click.UsageError(
            "Invalid source.kind. The only supported value is 'uv':\n"
            '  "source": {"kind": "uv", "root": ".."}'
        )

    if config.get("python_version"):
        pyversion = config["python_version"]
        if not pyversion.count(".") == 1 or not all(
            part.isdigit() for part in pyversion.split("-")[0].split(".")
        ):
            parts = pyversion.split("-")[0].split(".")
            fix = f"{parts[0]}.{parts[1]}" if len(parts) >= 2 else MIN_PYTHON_VERSION
            raise click.UsageError(
                f"Invalid Python version format: {pyversion}. "
                "Use 'major.minor' format — patch version cannot be specified.\n\n"
                f'  "python_version": "{fix}"'
            )
        if _parse_version(pyversion) < _parse_version(MIN_PYTHON_VERSION):
            raise click.UsageError(
                f"Python version {pyversion} is not supported. "
                f"Minimum required version is {MIN_PYTHON_VERSION}.\n\n"
                f'  "python_version": "{MIN_PYTHON_VERSION}"'
            )
        if "bullseye" in pyversion:
            raise click.UsageError(
                "Bullseye images were deprecated in version 0.4.13. "
                "Please use 'bookworm' or 'debian' instead."
            )

        if source_kind != "uv" and not config["dependencies"]:
            raise click.UsageError(
                "No dependencies found in config. "
                "Consider using uv-based source management:\n\n"
                '  "source": {"kind": "uv", "root": ".."}'
            )

    if not config.get("graphs"):
        raise click.UsageError(
