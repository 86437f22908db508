"""Imports point down the layers, the apps form no cycle, and product code never imports the demo.

The graph is read from the source, function-level imports included (see imports.py).
"""

from tests.architecture.imports import Import, project_imports
from tests.architecture.layers import component_of, layer_of


def upward_imports(imports):
    found = []
    for imp in imports:
        source, target = layer_of(imp.module), layer_of(imp.target)
        if source is not None and target is not None and target[0] > source[0]:
            found.append(f"{imp.module}:{imp.line} ({source[1]}) imports {imp.target} ({target[1]})")
    return found


def component_cycles(imports):
    """Every cycle of the app graph, as a list of components (depth-first search)."""
    edges = {}
    for imp in imports:
        source, target = component_of(imp.module), component_of(imp.target)
        if source and target and source != target:
            edges.setdefault(source, set()).add(target)
    cycles, path = [], []

    def visit(node):
        if node in path:
            cycles.append([*path[path.index(node) :], node])
            return
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            visit(nxt)
        path.pop()

    for start in sorted(edges):
        visit(start)
    return cycles


def test_every_project_module_belongs_to_a_layer_or_the_shell():
    modules = {imp.module for imp in project_imports()}
    for module in modules:
        layer_of(module)  # raises KeyError for a module no layer claims


def test_imports_point_down_the_layers():
    assert upward_imports(project_imports()) == []


def test_the_apps_form_no_cycle():
    assert component_cycles(project_imports()) == []


def test_product_code_never_imports_the_demo():
    demo = [
        f"{imp.module}:{imp.line}"
        for imp in project_imports()
        if imp.target.startswith("portal.demo") and not imp.module.startswith("portal.demo")
    ]
    assert demo == []


def test_a_view_module_never_imports_another_view_module():
    crossing = [
        f"{imp.module}:{imp.line} imports {imp.target}"
        for imp in project_imports()
        if ".views" in imp.module and ".views." in imp.target and not imp.target.startswith(imp.module)
    ]
    assert crossing == []


# The checks themselves, on the graph the tree had before the catalogue moved out of scoring.
BEFORE = [
    Import("inovasi.models", "scoring.models.Indicator", 11),
    Import("scoring.receivers", "inovasi.models.Answer", 10),
    Import("inovasi.workflow", "scoring.dirty", 23),
]


def test_the_checks_catch_the_cycle_and_the_upward_imports_of_the_old_tree():
    assert component_cycles(BEFORE) == [["inovasi", "scoring", "inovasi"], ["scoring", "inovasi", "scoring"]]
    assert upward_imports(BEFORE) == [
        "inovasi.models:11 (records) imports scoring.models.Indicator (scoring)",
        "inovasi.workflow:23 (records) imports scoring.dirty (scoring)",
    ]
