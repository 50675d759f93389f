"""The shape of the code: rooms whose imports form a DAG, and a front door that loads little."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import REPO

PACKAGES = ("expert", "knowledge_base", "explain")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_at_load(path: Path) -> set[str]:
    """The modules a module imports when it is loaded (not inside functions, not for types)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) \
                else ():
            if isinstance(inner, ast.Import):
                found.update(alias.name for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.module and inner.level == 0:
                found.add(inner.module)
                found.update(f"{inner.module}.{alias.name}" for alias in inner.names)
    return found


def _import_graph() -> nx.DiGraph:
    modules = {_module_name(path): path for package in PACKAGES
               for path in (REPO / package).rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        for target in _imports_at_load(path):
            if target in modules and target != name:
                graph.add_edge(name, target)
    return graph


def _room(module: str) -> str:
    """A module's room: ``expert.engine.rete`` is in ``expert.engine``, ``expert.errors`` and
    ``expert`` itself are rooms of their own."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_no_module_imports_a_module_that_imports_it_back():
    cycles = list(nx.simple_cycles(_import_graph()))
    assert cycles == []


def test_the_rooms_import_each_other_as_a_dag():
    rooms = nx.DiGraph()
    for tail, head in _import_graph().edges:
        if _room(tail) != _room(head):
            rooms.add_edge(_room(tail), _room(head))
    assert list(nx.simple_cycles(rooms)) == []
    # the three packages: knowledge_base and explain know nothing of each other or of expert
    assert not any(head.startswith(("expert", "explain")) for tail, head in rooms.edges
                   if tail.startswith("knowledge_base"))
    assert not any(head.startswith(("expert", "knowledge_base")) for tail, head in rooms.edges
                   if tail.startswith("explain"))


def test_only_the_engine_room_imports_experta():
    importers = {name for name, path in ((n, p) for package in PACKAGES
                                         for p in (REPO / package).rglob("*.py")
                                         for n in [_module_name(p)])
                 if any(m == "experta" or m.startswith("experta.") for m in _imports_at_load(path))}
    assert importers and all(name.startswith("expert.engine.") for name in importers), importers


def _loaded_after(code: str) -> set[str]:
    program = textwrap.dedent(code) + "\nimport sys\nprint(' '.join(sorted(sys.modules)))\n"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.splitlines()[-1].split())


def test_importing_expert_loads_no_engine_graph_or_drawing_library():
    loaded = _loaded_after("import expert")
    assert not {"experta", "networkx", "graphviz"} & loaded


@pytest.mark.parametrize("option", ["--help", "--version"])
def test_help_and_version_do_not_build_the_knowledge_base(option):
    loaded = _loaded_after(f"""
        import contextlib, io
        from expert.cli import main
        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main([{option!r}])
    """)
    assert not any(m == "knowledge_base" or m.startswith("knowledge_base.") for m in loaded)
    assert "experta" not in loaded


def test_advising_from_the_command_line_loads_only_what_advice_needs():
    loaded = _loaded_after("""
        import contextlib, io
        from expert.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            main(["advise", "expert/examples/state_univ_sample.json", "--format", "json"])
    """)
    assert not {"jinja2", "rich", "networkx", "graphviz", "subprocess", "expert.cohort",
                "expert.report.content", "expert.report.pdf", "expert.interview", "expert.workers",
                "expert.verification.kb_check"} & loaded


def test_the_command_lines_choices_agree_with_their_sources():
    from expert.batch import DEFAULT_CARRY
    from expert.cli import parser
    from expert.cohort import SUFFIXES
    from expert.inputs.advice_schema import CARRIES
    from expert.inputs.contract import OUTPUT_SCHEMAS
    from expert.inputs.program_lists import FORMATS
    from expert.questions.counterfactuals import DEFAULT_BUDGET
    from expert.verification.kb_check import SWEEPS
    from knowledge_base.program_list import VERDICTS

    assert (parser.PROGRAM_FORMATS, parser.VERDICTS, parser.SWEEPS, parser.DEFAULT_BUDGET) == \
        (FORMATS, VERDICTS, SWEEPS, DEFAULT_BUDGET)
    assert parser.CARRIES == CARRIES and parser.build_parser().parse_args(
        ["batch", "x", "--out", "y"]).carry == DEFAULT_CARRY
    assert set(parser.REPORT_FORMATS) == set(SUFFIXES.values())
    assert parser.SCHEMAS == tuple(OUTPUT_SCHEMAS)


def test_every_room_says_what_it_owns():
    for package in (REPO / "expert").iterdir():
        if (package / "__init__.py").is_file():
            assert ast.get_docstring(ast.parse((package / "__init__.py").read_text("utf-8"))), \
                package


def test_no_two_modules_or_classes_share_a_name():
    paths = [p for package in PACKAGES for p in (REPO / package).rglob("*.py")
             if p.name not in ("__init__.py", "__main__.py")]
    names = [p.stem for p in paths]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    classes = [node.name for p in paths for node in ast.parse(p.read_text("utf-8")).body
               if isinstance(node, ast.ClassDef)]
    assert sorted({c for c in classes if classes.count(c) > 1}) == []
