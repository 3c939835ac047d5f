"""PEP 517 / PEP 660 build backend for HPy modules written in Rust.

Use it from a project's pyproject.toml::

    [build-system]
    requires = ["cargo-hpy>=0.1,<0.2"]
    build-backend = "cargo_hpy"

Every hook runs the ``cargo-hpy`` program: the one in ``$CARGO_HPY`` if set, else the
one shipped inside this package, else ``cargo-hpy`` on ``PATH``.

``config_settings`` (``pip install -C key=value``, ``python -m build -C key=value``):
``profile`` (a cargo profile name; default ``release``, and ``dev`` for editable
installs), ``features`` (comma-separated cargo features), ``compatibility`` (a platform
policy such as ``manylinux2014``), ``target`` (a Rust target triple) and ``abi``.

The ABI: ``auto`` by default, that is the CPython ABI (a ``cp3X-cp3X`` wheel that needs no
``hpy`` package) on the CPython running the hook, and the universal ABI (``py3-none``)
elsewhere (PyPy, GraalPy). ``[tool.cargo-hpy] abi = "universal"`` in pyproject.toml, or
``-C abi=universal``, picks one; ``-C`` wins.

The metadata hooks write the ``.dist-info`` folder without compiling anything. When a
command fails, its messages (cargo's diagnostics included) are shown and the hook exits
with an error, without a Python traceback.
"""

import os
import shutil
import subprocess
import sys

__all__ = [
    "build_wheel",
    "build_sdist",
    "build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
]


def _program():
    explicit = os.environ.get("CARGO_HPY")
    if explicit:
        return explicit
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", "cargo-hpy")
    if os.path.isfile(bundled):
        return bundled
    found = shutil.which("cargo-hpy")
    if found:
        return found
    _fail(
        "cargo_hpy: the cargo-hpy program was not found: set CARGO_HPY to its path, or install it "
        "with `cargo install --path <hpy-rs>/cargo-hpy`"
    )


def _fail(message):
    """Ends the hook with `message` and no traceback (pip shows the hook's output)."""
    sys.stderr.flush()
    raise SystemExit(message)


def _run(args):
    """Runs cargo-hpy; its stderr (cargo's output) goes to ours; returns the path it printed."""
    command = [_program(), "hpy"] + args
    print("cargo_hpy: running " + " ".join(command), file=sys.stderr, flush=True)
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, universal_newlines=True)
    except OSError as error:
        _fail("cargo_hpy: could not run %s: %s" % (command[0], error))
    if result.returncode != 0:
        sys.stderr.write(result.stdout)
        _fail(
            "cargo_hpy: `%s` failed with exit code %d; its messages are above"
            % (" ".join(command), result.returncode)
        )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if not lines:
        _fail("cargo_hpy: `%s` printed no output path" % " ".join(command))
    return os.path.basename(lines[-1].strip())


def _abi_options(config_settings):
    """The ABI of the one wheel built for the running interpreter."""
    options = ["--default-abi", "auto", "--interpreter", sys.executable]
    abi = (config_settings or {}).get("abi")
    if abi:
        if abi not in ("auto", "universal", "cpython"):
            _fail("cargo_hpy: -C abi=%s is not an ABI: use auto, universal or cpython" % abi)
        options += ["--abi", abi]
    return options


def _cargo_options(config_settings, default_profile):
    settings = config_settings or {}
    options = ["--profile", settings.get("profile") or default_profile]
    options += _abi_options(config_settings)
    features = settings.get("features")
    if features:
        options += ["--features", features]
    for key in ("compatibility", "target"):
        if settings.get(key):
            options += ["--" + key, settings[key]]
    return options


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    options = _cargo_options(config_settings, "release")
    return _run(["build", "--out", os.path.abspath(wheel_directory)] + options)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    options = _cargo_options(config_settings, "dev")
    return _run(["build", "--editable", "--out", os.path.abspath(wheel_directory)] + options)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    options = _abi_options(config_settings)
    return _run(["metadata", "--out", os.path.abspath(metadata_directory)] + options)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    options = _abi_options(config_settings)
    return _run(["metadata", "--out", os.path.abspath(metadata_directory)] + options)


def build_sdist(sdist_directory, config_settings=None):
    return _run(["sdist", "--out", os.path.abspath(sdist_directory)])


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []
