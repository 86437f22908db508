"""The test suite's own layout, read from the source with `ast` (nothing is imported).

Shared helpers live in helper modules (builders, url_cases, conftest.py fixtures ...), never in a
test module: importing from a `test_*` module runs its tests' module-level code and couples two
test files. Fixtures are named for what they hold, so none is called `world`.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FORBIDDEN_FIXTURE_NAMES = {"world"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def suite_files() -> list[Path]:
    return sorted(TESTS.rglob("*.py"))


def imported_modules(tree: ast.Module, module: str, is_package: bool = False) -> Iterator[tuple[str, int]]:
    """(dotted name, line) of every import anywhere in the module; `from a import b` yields `a.b`."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


def imports_of_test_modules(source: str, module: str, is_package: bool = False) -> list[str]:
    tree = ast.parse(source)
    return [
        f"line {line}: {name}"
        for name, line in imported_modules(tree, module, is_package)
        if any(part.startswith("test_") for part in name.split("."))
    ]


def _is_fixture_decorator(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return (isinstance(target, ast.Attribute) and target.attr == "fixture") or (
        isinstance(target, ast.Name) and target.id == "fixture"
    )


def fixture_names(source: str) -> list[tuple[str, int]]:
    """(name, line) of every pytest fixture defined in the source: its function name, or `name=`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            if not _is_fixture_decorator(decorator):
                continue
            found.append((node.name, node.lineno))
            if isinstance(decorator, ast.Call):
                found += [
                    (keyword.value.value, node.lineno)
                    for keyword in decorator.keywords
                    if keyword.arg == "name" and isinstance(keyword.value, ast.Constant)
                ]
    return found


# --- the checks work -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("from tests.inovasi.test_workflow import build", "tests.inovasi.test_review_views"),
        ("from tests.inovasi import test_workflow", "tests.inovasi.test_review_views"),
        ("import tests.portal.test_url_access", "tests.security.scenarios"),
        ("from .test_notices import submittable", "tests.notices.test_real_worker"),
        ("from ..accounts.test_opd_import import csv_file", "tests.audit.test_audit_trail"),
        ("def test_it():\n    from tests.scoring.test_real_worker import set_level", "tests.faults.test_faults"),
    ],
)
def test_an_import_from_a_test_module_is_caught(source, module):
    assert imports_of_test_modules(source, module) != []


@pytest.mark.parametrize(
    "source",
    [
        "from tests.inovasi.workflow_helpers import build_complete_draft",
        "from .builders import submittable",
        "from django.test import override_settings",
        "from tests.scoring.world import scored",
    ],
)
def test_an_import_from_a_helper_module_passes(source):
    assert imports_of_test_modules(source, "tests.inovasi.test_example") == []


def test_relative_imports_resolve_against_the_package():
    tree = ast.parse("from . import builders\nfrom ..portal.url_cases import url_for")
    assert [name for name, _line in imported_modules(tree, "tests.notices.test_notices")] == [
        "tests.notices.builders",
        "tests.portal.url_cases.url_for",
    ]


def test_fixtures_are_found_by_function_name_and_by_their_name_argument():
    source = (
        "import pytest\nfrom pytest import fixture\n\n"
        "@pytest.fixture\ndef world(personas): ...\n\n"
        "@pytest.fixture(autouse=True)\ndef _empty_cache(): ...\n\n"
        "@fixture\ndef bare(): ...\n\n"
        '@pytest.fixture(name="world")\ndef renamed(): ...\n\n'
        "def helper(): ...\n"
    )
    assert [name for name, _line in fixture_names(source)] == ["world", "_empty_cache", "bare", "renamed", "world"]


# --- the suite follows them ------------------------------------------------------------------------


def test_the_scan_sees_the_whole_suite():
    names = {module_name(path) for path in suite_files()}
    assert {"tests.conftest", "tests.inovasi.test_workflow", "tests.portal.url_cases", module_name(Path(__file__))} <= (
        names
    )


def test_no_module_imports_from_a_test_module():
    offenders = {}
    for path in suite_files():
        found = imports_of_test_modules(path.read_text(), module_name(path), path.name == "__init__.py")
        if found:
            offenders[str(path.relative_to(ROOT))] = found
    assert offenders == {}


def test_no_fixture_is_called_world():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {name}"
        for path in suite_files()
        for name, line in fixture_names(path.read_text())
        if name in FORBIDDEN_FIXTURE_NAMES
    ]
    assert offenders == []
